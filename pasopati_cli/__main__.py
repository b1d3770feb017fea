from pasopati_cli.cli import main

main()
