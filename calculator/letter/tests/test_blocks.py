"""The letter's blocks: one ``kind`` each, checked when the block is made."""

import pytest

from calculator.letter.blocks import (
    LIST_KINDS,
    PAGE_KINDS,
    PARAGRAPH_KINDS,
    ItemList,
    Page,
    Paragraph,
    SignatureLines,
    Table,
)


def test_every_kind_a_renderer_draws_is_known():
    assert PARAGRAPH_KINDS == {"title", "salutation", "body", "heading", "note", "closing", "salute"}
    assert LIST_KINDS == {"numbered", "bullets", "checklist"}
    assert PAGE_KINDS == {"letter", "attachment", "keep"}
    assert Table(headers=(), rows=()).kind == "table"
    assert SignatureLines(lines=()).kind == "signature"


def test_defaults_are_a_body_paragraph_a_numbered_list_and_a_letter_page():
    assert Paragraph("x").kind == "body"
    assert ItemList(items=("x",)).kind == "numbered"
    assert Page(title="x", blocks=()).kind == "letter"


@pytest.mark.parametrize(
    "make",
    [
        lambda: Paragraph("x", kind="table"),
        lambda: ItemList(items=("x",), kind="body"),
        lambda: Page(title="x", blocks=(), kind="send"),
    ],
)
def test_an_unknown_kind_is_refused(make):
    with pytest.raises(ValueError):
        make()
