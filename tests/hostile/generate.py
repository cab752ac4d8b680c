"""The hostile local-input corpus, generated into a directory at test time (nothing committed).

Every case names the outcome Concord promises for it: ``ingested`` (with a check on what is
stored) or ``quarantined`` with the exact stage and one-line reason. Large cases (a 100 MB page,
a gzip bomb expanding to over 1 GB) cost seconds to write, never gigabytes of disk or memory:
the bomb is 64 copies of one small gzip member, which gzip readers treat as one stream.

Run ``python tests/hostile/generate.py DIR`` to look at the files; the tests import ``generate``.
"""

from __future__ import annotations

import codecs
import gzip
import json
import random
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from extractors.formats import SUPPORTED_SUFFIXES

SQL = "'; DROP TABLE articles; --"
SIZE_CAP = 20_000_000  # pipelines.settings.Settings.max_file_bytes
BIG_HTML_BYTES = 100 * 1024 * 1024
BOMB_MEMBER_BYTES = 16 * 1024 * 1024
BOMB_MEMBERS = 64  # 64 x 16 MiB = 1 GiB of output from ~1 MB on disk
NESTING = 100_000

ARTICLE = (
    "Back pain after lifting\n\n"
    "Most back pain gets better with rest and gentle exercise within a week or two.\n\n"
    "See a GP if the pain has not improved after two weeks or it is getting worse.\n\n"
    "Call 999 if you have numbness around your bottom or you lose control of your bladder.\n"
)
GERMAN = (
    "Rückenschmerzen nach dem Training\n\n"
    "Die meisten Rückenschmerzen bessern sich innerhalb von ein bis zwei Wochen von selbst.\n\n"
    "Gehen Sie zum Hausarzt, wenn die Schmerzen nach zwei Wochen nicht besser werden. "
    "Größere Übungen sollten Sie vermeiden, bis es Ihnen besser geht.\n"
)
CHINESE_HTML = (
    "<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>背痛</title></head><body>"
    "<article><h1>运动后背痛</h1><p>大多数背痛会在一到两周内好转。休息和轻度运动有帮助。</p>"
    "<p>如果两周后疼痛没有好转，或者越来越严重，请去看医生。</p>"
    "<p>如果出现膀胱失控或臀部周围麻木，请立即拨打急救电话。</p></article></body></html>"
)


@dataclass(frozen=True)
class Case:
    """One hostile input and the outcome promised for it."""

    name: str  # file name inside the corpus directory
    outcome: str  # "ingested" | "quarantined"
    stage: str | None = None
    reason: str | None = None
    stored: tuple[str, ...] = ()  # substrings the stored article text must contain verbatim
    title: str | None = None  # the stored title, verbatim, when it matters
    large: bool = False


def unsupported(suffix: str) -> str:
    return f"unsupported format {suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}"


EMPTY = "empty file"
BINARY = "binary content (NUL or control bytes), not text"
DTD = "XML with a DTD or entity declarations is refused (MedQuAD has none)"


def _html(title: str, body: str, head: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'>{head}<title>{title}</title></head>"
            f"<body><article>{body}</article></body></html>")


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])


def _medquad(doctype: str, answer: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
            '<Document id="0000001" source="MPlusHealthTopics" url="https://example.org/a">'
            "<Focus>Back Pain</Focus><QAPairs><QAPair pid='1'>"
            "<Question qid='0000001-1' qtype='information'>What is back pain?</Question>"
            f"<Answer>{answer}</Answer></QAPair></QAPairs></Document>")


def _write_big_html(path: Path) -> None:
    """100 MB of plausible HTML, written in 1 MiB chunks (the reader must refuse it unread)."""
    chunk = ("<p>Back pain usually improves within a week or two of rest. </p>\n" * 16_384).encode()
    with path.open("wb") as out:
        head = b"<!doctype html><html><body><article>"
        out.write(head)
        written = len(head)
        while written < BIG_HTML_BYTES:
            out.write(chunk[: BIG_HTML_BYTES - written])
            written += len(chunk)


def _write_gzip_bomb(path: Path) -> None:
    member = gzip.compress(b"<p>back pain</p>\n" * (BOMB_MEMBER_BYTES // 17), compresslevel=9)
    with path.open("wb") as out:
        for _ in range(BOMB_MEMBERS):
            out.write(member)


def generate(root: Path, large: bool = True) -> list[Case]:
    """Write every case into ``root``; returns the cases in a stable order."""
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20240607)
    cases: list[Case] = []

    def add(case: Case, data: bytes | str) -> None:
        (root / case.name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(case)

    # -- empty and binary ---------------------------------------------------------------
    add(Case("empty.txt", "quarantined", "parse", EMPTY), b"")
    add(Case("whitespace-only.md", "quarantined", "parse", EMPTY), b" \n\t\r\n   \n")
    add(Case("whitespace-only.html", "quarantined", "parse", EMPTY), b"\n\n    \n")
    png = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096))
    add(Case("image-named.txt", "quarantined", "read", BINARY), png)
    add(Case("random-bytes.html", "quarantined", "read", BINARY), rng.randbytes(8192))
    add(Case("random-bytes.md", "quarantined", "read", BINARY), rng.randbytes(8192))
    add(Case("elf-named.json", "quarantined", "read", BINARY), b"\x7fELF\x02\x01\x01\x00" + rng.randbytes(2048))

    # -- encodings ----------------------------------------------------------------------
    invalid_utf8 = ARTICLE.encode("utf-8").replace(b"gentle", b"gentle caf\xe9 \xc3\x28")
    add(Case("invalid-utf8.txt", "ingested", stored=("café",)), invalid_utf8)
    add(Case("utf16-bom.txt", "ingested", stored=("See a GP if the pain",)),
        codecs.BOM_UTF16_LE + ARTICLE.replace("rest", "rest – and ice").encode("utf-16-le"))
    add(Case("utf16be-bom.md", "ingested", stored=("numbness around your bottom",)),
        codecs.BOM_UTF16_BE + ("# " + ARTICLE).encode("utf-16-be"))
    add(Case("utf16-no-bom.txt", "ingested", stored=("lose control of your bladder",)),
        ARTICLE.replace("Back pain after", "Back pain after heavy").encode("utf-16-le"))
    cp1252 = ARTICLE.replace("rest and", "rest and don’t stop moving — café and").encode("cp1252")
    add(Case("windows-1252.txt", "ingested", stored=("don’t stop moving — café",)), cp1252)
    add(Case("windows-1252.html", "ingested", stored=("naïve — don’t",)),
        _html("Back pain", _paragraphs(ARTICLE.replace("Most", "A naïve — don’t panic. Most")),
              ).replace("charset='utf-8'", "charset='windows-1252'").encode("cp1252"))

    # -- size and nesting ---------------------------------------------------------------
    if large:
        _write_big_html(root / "huge-100mb.html")
        cases.append(Case("huge-100mb.html", "quarantined", "read",
                          f"file is {BIG_HTML_BYTES:,} bytes, over the {SIZE_CAP:,}-byte limit", large=True))
        _write_gzip_bomb(root / "bomb.html.gz")
        cases.append(Case("bomb.html.gz", "quarantined", "read",
                          f"decompressed size is over the {SIZE_CAP:,}-byte limit", large=True))
    deep = ("<!doctype html><html><body>" + "<div>" * NESTING
            + "<p>Back pain deep inside: see a GP if it lasts more than a week.</p>"
            + "</div>" * NESTING + "</body></html>")
    add(Case("nested-100k.html", "quarantined", "parse",
             "no article text found (HTML nested over 256 levels deep; the parser stops there)"), deep)
    deep_with_lead = deep.replace("<body>", "<body><main><h1>Back pain</h1><p>" + ARTICLE.split("\n\n")[1]
                                  + "</p><p>" + ARTICLE.split("\n\n")[2] + "</p></main>", 1)
    add(Case("nested-100k-with-article.html", "ingested", stored=("within a week or two",)), deep_with_lead)
    add(Case("nested-100k.json", "quarantined", "parse", "invalid JSON: nested too deeply"),
        "[" * NESTING + "]" * NESTING)

    # -- languages and page shapes ------------------------------------------------------
    add(Case("german.txt", "ingested", stored=("Rückenschmerzen nach dem Training",)), GERMAN)
    add(Case("chinese.html", "ingested", stored=("大多数背痛会在一到两周内好转",)), CHINESE_HTML)
    nav = ("<!doctype html><html><head><title>Site</title></head><body><header><nav><ul>"
           + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(40))
           + "</ul></nav></header><footer><a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a>"
           "</footer></body></html>")
    add(Case("all-navigation.html", "quarantined", "parse",
             "no article text found (page holds only navigation or boilerplate)"), nav)

    # -- script, javascript: links and SQL -----------------------------------------------
    script_title = "Back pain <script>alert('t')</script> " + SQL
    body = (f"<p>Rest helps. {SQL} See a GP if it lasts more than a week.</p>"
            "<p>Read <a href=\"javascript:alert(document.cookie)\">our guide</a> on lifting.</p>"
            "<script>document.body.innerHTML='owned'</script>"
            "<p onclick=\"alert(1)\">Call 999 if you lose control of your bladder.</p>")
    add(Case("script-and-sql.html", "ingested", stored=(SQL, "our guide"),
             title="Back pain <script>alert('t')</script> " + SQL),
        _html(script_title.replace("<", "&lt;").replace(">", "&gt;"), "<h1>Back pain</h1>" + body))
    sql_text = (f"Robert{SQL} and back pain\n\n"
                f"Rest helps. {SQL} See a GP if it lasts more than a week.\n\n"
                "Never trust <script>alert('x')</script> or [a link](javascript:alert(1)).\n")
    add(Case("sql-title.txt", "ingested", stored=(f"Robert{SQL} and back pain", "<script>alert('x')</script>")),
        sql_text)
    add(Case("sql-title.md", "ingested", stored=(SQL,), title=f"Back pain {SQL}"),
        f"# Back pain {SQL}\n\nRest helps. See a GP if it lasts more than a week. {SQL}\n\n"
        "[click me](javascript:alert(1)) <script>alert(2)</script>\n")
    add(Case("sql-news.json", "ingested", stored=(SQL,), title=f"Back pain {SQL}"),
        json.dumps({"title": f"Back pain {SQL}", "url": "https://example.org/news/1",
                    "text": f"Rest helps. {SQL}\nSee a GP if it lasts more than a week."}))

    # -- unsupported formats named explicitly ---------------------------------------------
    add(Case("leaflet.pdf", "quarantined", "detect", unsupported(".pdf")),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n")
    add(Case("leaflet.docx", "quarantined", "detect", unsupported(".docx")),
        b"PK\x03\x04\x14\x00\x06\x00" + rng.randbytes(512))

    # -- gzip -----------------------------------------------------------------------------
    good_gz = gzip.compress(_html("Back pain", "<h1>Back pain</h1>" + _paragraphs(ARTICLE)).encode())
    add(Case("good.html.gz", "ingested", stored=("See a GP if the pain has not improved",)), good_gz)
    add(Case("not-gzip.html.gz", "quarantined", "read", "invalid gzip file: Not a gzipped file (b'<!')"),
        _html("x", "<p>plain</p>"))
    varied = "".join(ARTICLE.replace("two", str(n)) for n in range(200)).encode()
    compressed = gzip.compress(varied)
    add(Case("truncated.txt.gz", "quarantined", "read",
             "invalid gzip file: Compressed file ended before the end-of-stream marker was reached"),
        compressed[: len(compressed) // 2])
    mangled = compressed[:20] + bytes(b ^ 0x55 for b in compressed[20:60]) + compressed[60:]
    add(Case("corrupt-deflate.txt.gz", "quarantined", "read",
             "invalid gzip file: Error -3 while decompressing data: invalid bit length repeat"), mangled)
    plain = ARTICLE.encode()
    flipped = bytearray(gzip.compress(plain))
    flipped[-6] ^= 0xFF  # a byte of the CRC32 trailer
    stored_crc = int.from_bytes(flipped[-8:-4], "little")
    add(Case("bad-crc.md.gz", "quarantined", "read",
             f"invalid gzip file: CRC check failed {hex(stored_crc)} != {hex(zlib.crc32(plain))}"),
        bytes(flipped))

    # -- XML: external entities and entity expansion ------------------------------------
    xxe = _medquad('<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "Back pain &xxe;")
    add(Case("medquad-xxe.xml", "quarantined", "parse", DTD), xxe)
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    laughs = _medquad(f'<!DOCTYPE Document [<!ENTITY lol0 "lol">{lol}]>', "&lol9;")
    add(Case("medquad-billion-laughs.xml", "quarantined", "parse", DTD), laughs)
    param = _medquad('<!DOCTYPE Document [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
                     "Back pain")
    add(Case("medquad-parameter-entity.xml", "quarantined", "parse", DTD), param)
    add(Case("medquad-utf16-xxe.xml", "quarantined", "parse", DTD), codecs.BOM_UTF16_LE + xxe.encode("utf-16-le"))
    zero = root / "dev-zero.txt"  # endless input behind an innocent name: never read
    zero.unlink(missing_ok=True)
    zero.symlink_to("/dev/zero")
    cases.append(Case("dev-zero.txt", "quarantined", "read", "no such file or directory"))
    return cases


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: generate.py DIR", file=sys.stderr)
        return 2
    for case in generate(Path(argv[1])):
        print(f"{case.name}\t{case.outcome}\t{case.reason or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
