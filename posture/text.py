"""Text that came from a data cell or a user, made safe for where it goes.

* :func:`md_text` for Markdown (``st.markdown``, ``st.caption``, ``st.info``..., metric labels): every Markdown
  metacharacter is escaped and HTML is turned into entities, so a cell reading ``![](http://host/x.png)`` or
  ``<img src=...>`` is shown as those characters instead of fetching an image or drawing a link (in a closed
  briefing room an image URL is a request off the machine).
* :func:`source_markdown` for the data's own source cells (``Title | URL ; Title | URL``): a link only for an
  ``http(s)`` URL, with its title escaped; anything else is text.
* :func:`csv_cell`, :func:`csv_frame`, :func:`csv_bytes`, :func:`neutralise_csv` for CSV downloads: a cell that a
  spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
  prefixed with a single quote, as OWASP's CSV injection guidance advises. Numbers stay numbers: ``-3.5`` is not a
  formula, and numeric columns are never touched.
"""
from __future__ import annotations

import csv
import io
import re

import pandas as pd

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones Markdown, GFM and Streamlit's own
# extensions act on (emphasis, links and images, code, headings, lists, tables, strikethrough, ":material/x:" icons
# and ":red[...]" colours, "$...$" maths). Parentheses and quotes need none: with "[" and "]" escaped no link can
# start, so "Moscow's reaction (illustrative)" stays as written.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+\-.!|~$:])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# GFM turns "http://x", "www.x", "mailto:x" and "a@b.org" in TEXT into links after parsing, escapes or not; an
# invisible word joiner after the scheme, "www" or "@" stops it, and the reader sees the same characters.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp|mailto|xmpp)(?=:)|\bwww(?=\.)|@)")


def md_text(value: object) -> str:
    """``value`` as Markdown that displays exactly its characters: no link, image, HTML, emphasis or icon.

    Safe inside ``unsafe_allow_html=True`` too (``<`` and ``>`` become entities); a URL in the text stays text (see
    :data:`WORD_JOINER`). Line breaks are kept as
    Markdown hard breaks so a multi-line cell does not start a list or a heading on its next line.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    s = _AUTOLINK.sub("\\1" + WORD_JOINER, str(value))
    s = "".join(_HTML.get(c, c) for c in s)
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return re.sub(r"\r\n?|\n", "  \n", s)


_URL = re.compile(r"https?://[^\s<>()\[\]{}\"'`\\]+", re.IGNORECASE)


def safe_url(url: object) -> str | None:
    """``url`` when it is a plain http(s) URL fit for a Markdown link target, else None."""
    u = str(url).strip()
    return u if _URL.fullmatch(u) else None


def source_parts(values) -> list[str]:
    """Each source once, in order of first appearance, from cells that may hold several ('A | url ; B | url')."""
    seen: dict[str, None] = {}
    for v in values:
        if v is None or (isinstance(v, float) and v != v):
            continue
        for part in str(v).split(" ; "):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return list(seen)


def source_markdown(src: object) -> str:
    """'Title | URL ; Title | URL' -> Markdown: a link per http(s) source (title escaped), everything else as text.

    The sources are the data's own, so a reader may follow one; but the cell is still text from a file, so a title
    cannot inject markup and only an http(s) URL becomes a link (never an image, never ``javascript:``).
    """
    if src is None or (isinstance(src, float) and src != src):
        return ""
    out = []
    for part in str(src).split(" ; "):
        part = part.strip()
        if not part:
            continue
        title, sep, url = part.partition(" | ")
        target = safe_url(url) if sep else None
        if target:
            out.append(f"[{md_text(title.strip()) or md_text(target)}]({target})")
        else:
            out.append(md_text(part))
    return "; ".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def csv_cell(value: object) -> object:
    """One cell for a CSV download: a text that would start a formula gets a leading single quote."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.fullmatch(value.strip()) and not value.startswith(("\t", "\r")):
        return value  # "-3.5" or "+12%": a number, which a spreadsheet reads as one
    return "'" + value


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell (and column name) passed through :func:`csv_cell`."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        out[col] = s.map(csv_cell)
    out.columns = [csv_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame, index: bool = False) -> bytes:
    """``df`` as UTF-8 CSV for a download, formula cells neutralised."""
    return csv_frame(df).to_csv(index=index).encode()


def neutralise_csv(content: bytes) -> bytes:
    """A CSV file's bytes with formula cells neutralised; the bytes unchanged when no cell needs it.

    For downloading an input file as it is on disk: a clean file is served byte for byte.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return content
    fixed = [[csv_cell(c) for c in row] for row in rows]
    if fixed == rows:
        return content
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(fixed)
    return buf.getvalue().encode()


def plotly_text(value: object) -> str:
    """``value`` for a Plotly label, tick or hover text: Plotly reads a subset of HTML there (``<a href>``,
    ``<b>``...), so ``<``, ``>`` and ``&`` become entities, which Plotly shows as the characters."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return "".join(_HTML.get(c, c) for c in str(value))
