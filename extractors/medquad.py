"""MedQuAD XML (NIH question/answer pages) into a ``Document``.

Each question becomes a level-2 heading so section-aware rules see "What are the symptoms of X?"
above its answer. MedQuAD flattened the source pages: bullets survive as ``- `` after a newline
or after a run of spaces, paragraphs as blank lines or runs of four or more spaces, and sub-
headings as short lines of their own. Those are turned back into list items, paragraphs and
level-3 headings here.

The XML comes from strangers, so it is parsed with no DTD, no entity expansion and no network;
any document type declaration is refused outright since MedQuAD files never carry one.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from extractors.decoding import check_size, decode_text
from extractors.document import BlockKind, Document, DocumentBuilder, clean_inline
from extractors.errors import EmptyDocument, InputError, UnsupportedFormat

FORMAT = "medquad"

# Root element names (lowercased) of the MedQuAD variants: most files use <Document>, a few
# NINDS files use <doc> with lowercase children, one CDC file uses <DiseaseFile>.
_ROOTS = frozenset({"document", "doc", "diseasefile"})
_PUBLISHERS: dict[str, str] = {
    "mplushealthtopics": "MedlinePlus",
    "medlineplus": "MedlinePlus",
    "niddk": "NIDDK",
    "ninds": "NINDS",
    "nihseniorhealth": "NIHSeniorHealth",
    "cdc": "CDC",
    "gard": "GARD",
    "ghr": "Genetics Home Reference",
    "cancergov": "National Cancer Institute",
}

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)
_DECLARED_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.I)
# Paragraph break inside a line: four or more spaces, unless both sides are lowercase letters
# (a stray run of spaces inside a sentence).
_PARAGRAPH_GAP = re.compile(r"(?<![a-z]) {4,}|(?<=[a-z]) {4,}(?![a-z])")
_BULLET_GAP = re.compile(r"\s{2,}-\s+")
_LEADING_BULLET = re.compile(r"^-\s+")
_INLINE_LEAD_BULLET = re.compile(r"^(.*[A-Za-z:])\s-\s+(?=\S)")
_SUMMARY_LABEL = re.compile(r"^Summary\s*:\s*")
_CREDIT = re.compile(r"^NIH:\s+\S")
_HEADING_END = re.compile(r"[.,;:!\"'”’]$")
_LEAD_IN_WORDS = frozenset({"include", "includes", "including", "are", "is", "of", "and", "or", "to"})
_MAX_BYTES = 20_000_000


def parse_medquad(data: bytes, source: str) -> Document:
    """Parse one MedQuAD XML file; raises ``InputError`` for anything else."""
    check_size(data, _MAX_BYTES, "XML")
    declared = _DECLARED_ENCODING.match(data)
    text = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    if _DTD.search(text):
        raise InputError("XML with a DTD or entity declarations is refused (MedQuAD has none)")
    root = _parse_xml(_XML_DECLARATION.sub("", text, count=1))
    tag = _local(root)
    if tag not in _ROOTS:
        raise UnsupportedFormat(f"XML root <{tag}> is not a MedQuAD document "
                                "(expected <Document> with QAPairs)")
    pairs = [el for el in root.iter() if _local(el) in ("qapair", "pair")]
    if not pairs and _child(root, "qapairs", "qapairs") is None:
        raise UnsupportedFormat(f"<{tag}> has no QAPairs: not a MedQuAD document")

    builder = DocumentBuilder()
    questions: list[dict[str, Any]] = []
    for pair in pairs:
        question_el = _child(pair, "question")
        answer_el = _child(pair, "answer")
        question = _tidy_question(_text(question_el))
        blocks = _answer_blocks(_text(answer_el))
        if not question or not blocks:
            continue
        builder.heading(question, 2)
        questions.append({
            "qid": question_el.get("qid") if question_el is not None else None,
            "qtype": question_el.get("qtype") if question_el is not None else None,
            "block": len(builder.blocks) - 1,
        })
        for kind, content in blocks:
            if kind == "heading":
                builder.heading(content, 3)
            elif kind == "list_item":
                builder.list_item(content)
            else:
                builder.paragraph(content)
    if not builder.blocks:
        raise EmptyDocument("MedQuAD document has no answered questions")

    focus = clean_inline(_text(_child(root, "focus", "doctitle-focus"))) or None
    source_attr = root.get("source") or root.get("corpus") or ""
    extra: dict[str, Any] = {
        "medquad_id": root.get("id") or root.get("docid") or root.get("fid"),
        "medquad_source": source_attr or None,
        "questions": questions,
        **_annotations(root),
    }
    return builder.build(
        source, FORMAT,
        title=focus,
        publisher=_PUBLISHERS.get(source_attr.lower(), source_attr or None),
        canonical_url=(root.get("url") or "").strip() or None,
        language="en",
        extra={k: v for k, v in extra.items() if v},
    )


def _parse_xml(text: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text, parser)
    except etree.XMLSyntaxError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "syntax error"
        reason = re.sub(r"\s*\(<string>, line \d+\)$", "", reason)
        raise InputError(f"invalid XML: {reason}") from None
    except ValueError as exc:  # e.g. text lxml refuses (NUL characters)
        raise InputError(f"invalid XML: {exc}") from None
    if root is None:
        raise InputError("invalid XML: no root element")
    return root


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _child(element: etree._Element | None, *names: str) -> etree._Element | None:
    if element is None:
        return None
    for child in element:
        if _local(child) in names:
            return child
    return None


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return "".join(t for t in element.itertext() if isinstance(t, str))


def _tidy_question(text: str) -> str:
    """"Who is at risk for X? ?" -> "Who is at risk for X?" (MedQuAD's templated questions)."""
    text = clean_inline(text)
    text = re.sub(r"\s*\?(\s*\?)+$", "?", text)
    return re.sub(r"\s+\?$", "?", text)


def _annotations(root: etree._Element) -> dict[str, Any]:
    """UMLS CUIs, semantic types/groups, synonyms and category, wherever the variant puts them."""
    found: dict[str, list[str]] = {"umls_cuis": [], "umls_semantic_types": [],
                                   "umls_semantic_groups": [], "synonyms": [], "category": []}
    names = {"cui": "umls_cuis", "semantictype": "umls_semantic_types",
             "semanticgroup": "umls_semantic_groups", "synonym": "synonyms",
             "category": "category"}
    for element in root.iter():
        key = names.get(_local(element))
        value = clean_inline(_text(element)) if key else ""
        if key and value and value not in found[key]:
            found[key].append(value)
    out: dict[str, Any] = {k: v for k, v in found.items() if v and k != "category"}
    if found["category"]:
        out["category"] = found["category"][0]
    return out


def _answer_blocks(answer: str) -> list[tuple[BlockKind, str]]:
    """Recover paragraphs, bullets and sub-headings from a flattened MedQuAD answer."""
    answer = _SUMMARY_LABEL.sub("", answer.strip())
    blocks: list[tuple[BlockKind, str, bool]] = []  # (kind, text, stood alone on its line)
    for line in answer.split("\n"):
        if not line.strip():
            continue
        chunks = [c for c in _PARAGRAPH_GAP.split(line.strip()) if c.strip()]
        for chunk in chunks:
            blocks.extend((kind, text, len(chunks) == 1) for kind, text in _split_bullets(chunk))
    while blocks and blocks[-1][0] == "paragraph" and _CREDIT.match(blocks[-1][1]):
        blocks.pop()  # "NIH: National Institute of …" credit line closing MedlinePlus summaries
    out: list[tuple[BlockKind, str]] = []
    for index, (kind, text, alone) in enumerate(blocks):
        following = blocks[index + 1][0] if index + 1 < len(blocks) else None
        if kind == "paragraph" and alone and following == "paragraph" and _looks_like_heading(text):
            kind = "heading"
        if clean_inline(text):
            out.append((kind, clean_inline(text)))
    return out


def _split_bullets(chunk: str) -> list[tuple[BlockKind, str]]:
    pieces = _BULLET_GAP.split(chunk)
    out: list[tuple[BlockKind, str]] = []
    first = pieces[0]
    if _LEADING_BULLET.match(first):
        out.append(("list_item", _LEADING_BULLET.sub("", first)))
    elif len(pieces) > 1 and (lead := _INLINE_LEAD_BULLET.match(first)):
        # "Other risk factors include - Smoking  - Obesity": the first bullet lost its gap.
        out.append(("paragraph", lead.group(1)))
        out.append(("list_item", first[lead.end():]))
    else:
        out.append(("paragraph", first))
    out.extend(("list_item", piece) for piece in pieces[1:])
    return [(kind, text.strip()) for kind, text in out if text.strip() and text.strip() != "-"]


def _looks_like_heading(text: str) -> bool:
    """A short capitalised line with no closing punctuation, followed by prose."""
    words = text.split()
    return (0 < len(words) <= 8 and text[:1].isupper() and not _HEADING_END.search(text)
            and words[-1].lower() not in _LEAD_IN_WORDS)
