"""Security defaults that can be checked locally: parametrised SQL, XML without entities,
credentials never stored. (HTML report escaping: tests/test_report_browser.py.)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extractors.errors import InputError
from extractors.medquad import _parse_xml, parse_medquad
from warehouse.batches import Quarantined
from warehouse.store import Warehouse, redact_credentials

WAREHOUSE = Path(__file__).resolve().parents[1] / "warehouse"
_SQL_START = ("select", "insert", "update", "delete", "copy", "create", "drop", "alter", "with ", "attach")
# Interpolations reviewed as safe: identifiers quoted by export._ident/_literal, SQL read from the
# versioned check files, and fixed option lists. Anything new must be added here on purpose.
_REVIEWED = {
    ("export.py", "_ident(view)"), ("export.py", "_literal(target)"), ("export.py", "', '.join(options)"),
    ("export.py", "_ident(column)"), ("export.py", "reader"), ("export.py", "_literal(pattern)"),
    ("export.py", "ROW_GROUP_SIZES.get(view, DEFAULT_ROW_GROUP)"),
    ("quality.py", "check.sql"), ("quality.py", "catalog"), ("quality.py", "first_row"),
    ("quality.py", "_ident(table)"), ("quality.py", "_ident(column)"),
}


def _constant_tuple(node: ast.AST) -> bool:
    """("a", "b") or (("a", x, y), ("b", x, y)): names taken from a fixed tuple of strings."""
    if not isinstance(node, (ast.Tuple, ast.List)):
        return False
    return all(isinstance(e, ast.Constant) and isinstance(e.value, str)
               or isinstance(e, ast.Tuple) and e.elts and isinstance(e.elts[0], ast.Constant)
               for e in node.elts)


def _fixed_names(tree: ast.AST) -> set[str]:
    """Names that can only hold a string from a literal tuple (loop targets, tuple constants)."""
    tuples = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign) and _constant_tuple(node.value)
              for t in node.targets if isinstance(t, ast.Name)}
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)):
            source = node.iter
            if _constant_tuple(source) or isinstance(source, ast.Name) and source.id in tuples:
                target = node.target
                first = target.elts[0] if isinstance(target, ast.Tuple) else target
                if isinstance(first, ast.Name):
                    names.add(first.id)
    return names


def _looks_like_sql(text: str) -> bool:
    return text.lstrip("( \n").lower().startswith(_SQL_START)


def sql_interpolations(path: Path) -> list[str]:
    """Every value spliced into SQL text by an f-string, ``.format`` or ``%`` that is not a
    table name from a fixed tuple, an UPPER_CASE constant or a reviewed quoting helper."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    fixed = _fixed_names(tree)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            head = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if not _looks_like_sql(head):
                continue
            for value in node.values:
                if not isinstance(value, ast.FormattedValue):
                    continue
                expr = value.value
                text = ast.unparse(expr)
                if isinstance(expr, ast.Name) and (expr.id in fixed or expr.id.lstrip("_").isupper()):
                    continue
                if (path.name, text) in _REVIEWED:
                    continue
                problems.append(f"{path.name}:{node.lineno}: f-string puts {text!r} into SQL")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            if isinstance(node.func.value, ast.Constant) and _looks_like_sql(str(node.func.value.value)):
                problems.append(f"{path.name}:{node.lineno}: str.format builds SQL")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
            left = node.left
            if isinstance(left, ast.Constant) and isinstance(left.value, str) and _looks_like_sql(left.value) \
                    and not (isinstance(node.right, ast.Constant)):
                problems.append(f"{path.name}:{node.lineno}: % or + builds SQL from a value")
    return problems


def test_warehouse_sql_is_parametrised() -> None:
    files = sorted(WAREHOUSE.glob("*.py"))
    assert any(f.name == "store.py" for f in files)
    problems = [p for f in files for p in sql_interpolations(f)]
    assert problems == [], "values must be bound with ? parameters:\n" + "\n".join(problems)


def test_the_sql_check_catches_interpolated_values(tmp_path: Path) -> None:
    """The guard itself must fail on the patterns it is there to stop."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(con, source, table):\n"
        "    con.execute(f\"SELECT * FROM articles WHERE source = '{source}'\")\n"
        "    con.execute(\"DELETE FROM articles WHERE source = '%s'\" % source)\n"
        "    con.execute(\"SELECT * FROM {}\".format(table))\n"
        "    for name in ('articles', 'findings'):\n"
        "        con.execute(f'SELECT count(*) FROM {name}')\n"
        "    con.execute(f'INSERT INTO {table} VALUES (1)')\n")
    problems = sql_interpolations(bad)
    assert len(problems) == 4, problems
    assert not any(":6:" in p for p in problems)  # the loop over a fixed tuple is allowed


def test_medquad_refuses_dtds_and_its_parser_never_expands_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    xxe = (f'<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<Document><QAPairs><QAPair><Question>Q?</Question><Answer>A &xxe; B</Answer></QAPair>'
           '</QAPairs></Document>')
    with pytest.raises(InputError, match="DTD or entity declarations is refused"):
        parse_medquad(xxe.encode(), "x.xml")
    # Defence in depth: even past the DTD check, the lxml parser resolves nothing.
    root = _parse_xml(xxe)
    assert "TOP-SECRET-VALUE" not in "".join(root.itertext())
    laughs = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><Document><Answer>&i;</Answer></Document>')
    try:  # libxml2 stops the amplification (InputError) or leaves the entity unexpanded
        assert len("".join(_parse_xml(laughs).itertext())) < 1000
    except InputError as exc:
        assert "amplification" in str(exc)


def test_credentials_in_urls_are_redacted_before_storage(tmp_path: Path) -> None:
    assert redact_credentials("https://ann:pw@host.example/a?b=c") == "https://***@host.example/a?b=c"
    assert redact_credentials("fetch http://u@h/x failed; see ftp://a:b@c") == \
        "fetch http://***@h/x failed; see ftp://***@c"
    assert redact_credentials("/tmp/me@home/file.txt") == "/tmp/me@home/file.txt"
    with Warehouse.open(tmp_path / "wh.duckdb") as wh:
        run = wh.start_run(1, "test", "test")
        result = wh.load_batch(run, [], [Quarantined("https://ann:pw@h.example/a", "fetch",
                                                     "HTTP 401 at https://ann:pw@h.example/a")])
        stored = wh.rows("SELECT source, reason FROM quarantine")
    assert stored == [{"source": "https://***@h.example/a", "reason": "HTTP 401 at https://***@h.example/a"}]
    assert [q.source for q in result.quarantined] == ["https://***@h.example/a"]  # the run summary too
