"""`--format whatsapp`: the statement without Markdown, in WhatsApp's own marks, with its length shown."""

from __future__ import annotations

from pasopati_cli.whatsapp import length_note, to_whatsapp
from tests.conftest import REPO, Run


def test_markdown_becomes_whatsapp_marks() -> None:
    markdown = (
        "**KOP**\\\nJl. Contoh\n\n---\n\n# Judul Rilis\n\n**Sukamaju** – teks *miring* dan [situs](https://x.go.id).\n\n"
        "* satu\n- dua\n\n*– selesai –*\n"
    )
    assert to_whatsapp(markdown) == (
        "*KOP*\nJl. Contoh\n\n*Judul Rilis*\n\n*Sukamaju* – teks _miring_ dan situs (https://x.go.id).\n\n"
        "- satu\n- dua\n\n_– selesai –_\n"
    )


def test_the_length_is_told_against_each_platform() -> None:
    assert length_note("x" * 290, {"x": 280, "threads": 500}, "id") == (
        "Panjang: 290 karakter (x 280: lebih 10; threads 500: muat)"
    )
    assert length_note("x" * 20, {}, "en") == "Length: 20 characters"


def test_the_social_post_renders_for_whatsapp_with_its_length(run: Run) -> None:
    answers, unit = str(REPO / "examples" / "kerusuhan.answers.yaml"), str(REPO / "examples" / "unit.yaml")
    result = run("statement", "kerusuhan", "media_sosial", "--answers", answers, "--unit", unit, "-f", "whatsapp")
    assert result.code == 0, result.err
    assert "**" not in result.out and "\\" not in result.out
    size = len(result.out.strip())
    assert f"Panjang: {size} karakter (x 280: muat" in result.err
