"""Hostile text: data cells and user text shown as text, CSV downloads with formula cells neutralised.

The rendering checks use Streamlit's own Markdown in a browser (tests/test_browser_hostile.py); here the
helpers in posture/text.py and every CSV download path in the app.
"""
from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from posture.text import (
    WORD_JOINER,
    csv_bytes,
    csv_cell,
    csv_frame,
    md_text,
    neutralise_csv,
    plotly_text,
    source_markdown,
)

ROOT = Path(__file__).resolve().parents[1]

HOSTILE = [
    "[click](http://evil.example/a)",
    "![](http://evil.example/pixel.png)",
    "<img src=http://evil.example/i.png>",
    "<a href='http://evil.example'>x</a>",
    "http://evil.example/bare and www.evil.example and mail@evil.example and HTTPS://EVIL.EXAMPLE",
    "**bold** _it_ `code` # head",
    ":red[colour] $x^2$ ~~strike~~",
    "line one\n- a list\n# a heading\n> quote",
]


# ------------------------------------------------------------------ Markdown

def _unescape_markdown(s: str) -> str:
    """What CommonMark shows for escaped text: backslash escapes and the three entities undone."""
    s = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)
    s = s.replace(WORD_JOINER, "")  # invisible: the reader sees the same characters
    return s.replace("  \n", "\n").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_leaves_no_markup(text):
    out = md_text(text)
    # no unescaped link, image or HTML opener survives
    assert "<" not in out and ">" not in out
    assert not re.search(r"(?<!\\)[\[\]!*_`#:$~|]", out), out
    # no GFM autolink literal: GFM links "http://", "www." and "a@b.org" in text even after escapes
    assert not re.search(r"(?i)(https?|mailto|www)\\?[:.]|@[^\u2060]", out), out
    # and a reader sees exactly the characters of the cell
    assert _unescape_markdown(out) == text


def test_md_text_keeps_plain_text_readable():
    assert md_text("Caspian Pipeline Consortium") == "Caspian Pipeline Consortium"
    assert md_text("2.5 Mt") == r"2\.5 Mt"
    assert md_text(None) == "" and md_text(float("nan")) == ""
    assert md_text(1.5) == r"1\.5"


def test_source_markdown_links_only_http_urls_and_escapes_titles():
    src = "Reuters 2024 | https://www.reuters.com/x ; Ministry report"
    assert source_markdown(src) == "[Reuters 2024](https://www.reuters.com/x); Ministry report"
    hostile = source_markdown("![](http://evil.example/p.png) | javascript:alert(1) ; x | http://a.example/)(![](y)")
    assert "![" not in hostile.replace("\\!\\[", "")
    assert "](javascript" not in hostile and "](http://a.example" not in hostile
    # a title cannot open an image or a nested link
    t = source_markdown("[x](http://evil.example) ![](http://evil.example/i.png) | https://ok.example/p")
    assert t.startswith("[\\[x\\](http" + WORD_JOINER + "\\:") and t.endswith("](https://ok.example/p)")


def test_layout_linkify_sources_uses_the_safe_helper():
    from components.layout import linkify_sources

    assert linkify_sources("<img src=http://evil.example/i.png>") == md_text("<img src=http://evil.example/i.png>")


def test_plotly_text_entities():
    assert plotly_text("<a href='http://evil.example'>x</a> & co") == "&lt;a href='http://evil.example'&gt;x&lt;/a&gt; &amp; co"


def test_events_timeline_shows_hostile_cells_as_text(model):
    from posture.viz import charts

    ev = model.data["events"].head(3).copy()
    ev["title"] = "<a href='http://evil.example'>x</a>"
    ev["category"] = "<a href='http://evil.example'>cat</a>"
    fig = charts.build_events_timeline(ev, model.vector_colours, lambda c: "OTHER", model.vector_names).to_dict()
    blob = repr(fig)
    assert "<a " not in blob
    assert "&lt;a href" in blob


# ------------------------------------------------------------------ CSV neutralising

@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3+cmd|x",
                                  "@SUM(1+1)*cmd", "\t=1+1", "\r=1+1", "=1+1", "-", "+", "@user"])
def test_csv_cell_prefixes_formulas(cell):
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3.5", "+12", "-1,234.5", "-4%", "1e-3", "-2E+5", "plain", "", "a=b", "Tengiz-CPC"])
def test_csv_cell_leaves_numbers_and_text(cell):
    assert csv_cell(cell) == cell


@pytest.mark.parametrize("value", [-3.5, -1, 0, 2.0, None, True])
def test_csv_cell_leaves_non_text(value):
    assert csv_cell(value) is value


def test_csv_bytes_neutralises_text_columns_and_keeps_numbers():
    df = pd.DataFrame({"name": ["=HYPERLINK(\"http://evil.example\")", "ok", "-7"], "value": [-1.5, 2.0, -3.0],
                       "n": pd.array([-1, 2, None], dtype="Int64"), "=bad header": ["@x", "+y", None]})
    rows = list(csv.reader(io.StringIO(csv_bytes(df).decode())))
    assert rows[0] == ["name", "value", "n", "'=bad header"]
    assert rows[1] == ["'=HYPERLINK(\"http://evil.example\")", "-1.5", "-1", "'@x"]
    assert rows[2] == ["ok", "2.0", "2", "'+y"]
    assert rows[3] == ["-7", "-3.0", "", ""]
    assert df.at[0, "name"].startswith("=")  # the caller's frame is untouched
    assert csv_frame(df)["value"].tolist() == [-1.5, 2.0, -3.0]


def test_neutralise_csv_serves_clean_files_byte_for_byte():
    for path in sorted((ROOT / "data").rglob("*.csv")):
        content = path.read_bytes()
        out = neutralise_csv(content)
        if out != content:  # only a file with a formula-like cell may change, and then only those cells
            before = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            after = list(csv.reader(io.StringIO(out.decode())))
            assert [[csv_cell(c) for c in r] for r in before] == after, path


def test_neutralise_csv_rewrites_formula_cells():
    content = b'id,source,value\na,"=HYPERLINK(""http://evil.example"",""x"")",-2.5\nb,"ok, fine",3\n'
    rows = list(csv.reader(io.StringIO(neutralise_csv(content).decode())))
    assert rows == [["id", "source", "value"], ["a", "'=HYPERLINK(\"http://evil.example\",\"x\")", "-2.5"],
                    ["b", "ok, fine", "3"]]
    assert neutralise_csv(b"\xff\xfe not utf-8") == b"\xff\xfe not utf-8"


def _download_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "download_button":
            yield node


def test_every_csv_download_goes_through_the_neutraliser():
    """No page or component writes a CSV download with a bare DataFrame.to_csv or raw file bytes."""
    offenders = []
    for path in sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]):
        src = path.read_text()
        tree = ast.parse(src)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "to_csv":
                offenders.append(f"{path.name}:{node.lineno}: .to_csv (use posture.text.csv_bytes)")
        for call in _download_calls(tree):
            seg = ast.get_source_segment(src, call) or ""
            if "text/csv" in seg and not re.search(r"csv_bytes|neutralise_csv|_csv\(", seg):
                offenders.append(f"{path.name}:{call.lineno}: CSV download without csv_bytes")
            if "read_bytes" in seg and "neutralise_csv" not in seg and "geojson" not in seg:
                offenders.append(f"{path.name}:{call.lineno}: raw file download")
    assert not offenders, offenders


def test_layout_csv_button_data_is_neutralised(monkeypatch):
    import components.layout as layout

    seen = {}
    monkeypatch.setattr(layout.st, "download_button", lambda label, data, **kw: seen.setdefault("data", data))
    layout.csv_button(pd.DataFrame({"a": ["=1+1"], "b": [-1]}), "x", "x.csv", "k")
    assert seen["data"]().decode().splitlines() == ["a,b", "'=1+1,-1"]



# ------------------------------------------------------------------ the server as shipped

def _config() -> dict:
    import tomllib

    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def test_config_listens_on_localhost_and_caps_uploads():
    server = _config()["server"]
    assert server["address"] == "127.0.0.1"
    largest_upload = max((ROOT / "data" / "balance" / n).stat().st_size for n in ("ties.csv", "weights.csv"))
    # the cap fits the tables (with room to grow) and is far from Streamlit's 200 MB default
    assert largest_upload * 50 < server["maxUploadSize"] * 1024 * 1024 <= 5 * 1024 * 1024
    assert 1 <= server["maxMessageSize"] <= 100


def _run_sh(tmp_path, env_extra: dict) -> tuple[list[str], str]:
    """scripts/run.sh with setup.sh and streamlit replaced by stubs: the arguments it would start streamlit with."""
    import os
    import shutil
    import subprocess

    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "run.sh", tmp_path / "scripts" / "run.sh")
    (tmp_path / "scripts" / "setup.sh").write_text("#!/usr/bin/env bash\nexit 0\n")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "streamlit").write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@"\n')
    for f in ("scripts/setup.sh", ".venv/bin/streamlit", "scripts/run.sh"):
        (tmp_path / f).chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "POSTURE_LISTEN"} | env_extra
    r = subprocess.run([str(tmp_path / "scripts" / "run.sh"), "--server.port", "8600"], env=env,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return r.stdout.split("\n"), r.stderr


def test_run_sh_listens_on_localhost_by_default(tmp_path):
    args, err = _run_sh(tmp_path, {})
    assert args[:4] == ["run", "app.py", "--server.address", "127.0.0.1"] and "--server.port" in args
    assert err == ""


def test_run_sh_opens_to_a_network_only_when_asked_and_warns(tmp_path):
    args, err = _run_sh(tmp_path, {"POSTURE_LISTEN": "0.0.0.0"})
    assert args[:4] == ["run", "app.py", "--server.address", "0.0.0.0"]
    assert "no access control" in err


def test_readme_documents_listening_and_access_control():
    readme = (ROOT / "README.md").read_text()
    assert "POSTURE_LISTEN=0.0.0.0 scripts/run.sh" in readme
    assert "no access control" in readme and "reverse proxy with authentication" in readme
    assert "POSTURE_DATA_DIR" in readme and "server.maxUploadSize" in readme


def _listening(port: int) -> set[str]:
    """The local addresses a TCP socket on ``port`` listens on (Linux /proc/net/tcp and tcp6)."""
    import ipaddress

    found = set()
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, _, state = line.split()[1:4]
            addr, p = local.split(":")
            if state != "0A" or int(p, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(addr)
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))  # little-endian words
            found.add(str(ipaddress.ip_address(raw)))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads /proc/net/tcp (Linux)")
def test_the_server_started_with_the_shipped_config_listens_on_loopback_only():
    """The config alone (no --server.address flag) keeps the server off the network."""
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.browser import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None and time.time() < deadline, "streamlit did not start"
            time.sleep(0.3)
        assert _listening(port) == {"127.0.0.1"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
