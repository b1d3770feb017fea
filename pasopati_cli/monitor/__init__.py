"""Media monitoring: feeds -> items -> issues. Pure where it can be; `fetch` and `store` do the I/O."""
