"""Text from data or the URL made inert where it reaches markup: Streamlit markdown, HTML, deck tooltips, plotly.

A name loaded by an upload, a publisher typed into a source, or a proposal id given in the URL is text: it must read
as itself and never become a link, a tag or a script. Each sink has its one function here; the app's own markup
(bold, line breaks, links it makes) is written around the escaped text, never inside it.

- `markdown_text`: for st.markdown, st.caption, st.info/warning/error, metric help: the marks that make markup are
  backslash-escaped (CommonMark then shows them as written): brackets (links, images, Streamlit's `:red[…]`),
  '<' '>' (HTML, <autolinks>, quotes), '*' '_' '~' (emphasis), '`' (code), '#' (headings), '|' (tables), '$' (math),
  '&' (character references) and '\\' itself, and a list marker the text starts with; a word joiner (U+2060,
  invisible) is put after a ':' or '@' that a character follows and inside 'www.', so that GitHub-flavoured
  markdown's autolink literals (`https://…`, `www.…`, `name@host`) and Streamlit's `:icon:` shortcodes find nothing.
  Other punctuation is left alone so that the text reads (and compares) as it stands. Line breaks become spaces.
- `html_text`: for HTML shown with unsafe_allow_html (legends): html.escape with quotes.
- `tooltip_text`: for text formatted into a pydeck tooltip template: HTML-escaped, and '{' '}' written as character
  references so that no '{field}' of the data is taken for one of the template (Streamlit escapes field values).
- `plotly_text`: for plotly labels, hover and text (plotly draws <a href>, <b>, <br>, <span style> …): '&', '<', '>'
  written as the character references plotly shows as the characters themselves.
- `markdown_frame`: a frame for st.table, which renders every cell, index value and header as markdown.
- `web_address`: a source's address as a link only when it is http(s): never 'javascript:' or 'data:'.

Where text is escaped: at the sink (the page's st.caption, the chart's labels, the map's template), never in the data
or in a sentence that documents and downloads also use, so a PDF or CSV shows the text without escapes.
"""

from __future__ import annotations

import html
import math
import re
from urllib.parse import urlsplit

WORD_JOINER = "\u2060"  # invisible, not a space, not a word character: breaks a pattern without showing
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~$&])")
_LIST_MARKER = re.compile(r"^(\s*)(\d+[.)]|[-+])(?=\s|$)")  # '1. …' or '- …' at the start would open a list
_AUTOLINK_BREAKS = re.compile(r"[:@](?=\S)|(?<![A-Za-z0-9])[wW]{3}(?=\.)")
_NEWLINES = re.compile(r"[\r\n]+")


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def markdown_text(value) -> str:
    """Return text that Streamlit's markdown shows as written: no link, tag, emphasis, heading, math or icon."""
    text = _MARKUP.sub(r"\\\1", _NEWLINES.sub(" ", _text(value)))
    text = _LIST_MARKER.sub(lambda found: found.group(1) + found.group(2)[:-1] + "\\" + found.group(2)[-1], text)
    return _AUTOLINK_BREAKS.sub(lambda found: found.group(0) + WORD_JOINER, text)


def html_text(value) -> str:
    """Return text for HTML (shown with unsafe_allow_html): '&', '<', '>' and quotes as character references."""
    return html.escape(_text(value), quote=True)


def tooltip_text(value) -> str:
    """Return text to format into a pydeck tooltip template: HTML-escaped, its braces never a template field."""
    return html_text(value).replace("{", "&#123;").replace("}", "&#125;")


def plotly_text(value) -> str:
    """Return text for a plotly label, hover or annotation: shown as written, never a link or a tag."""
    return html.escape(_text(value), quote=False)


def markdown_frame(frame):
    """Return a copy of a frame for st.table, which renders every cell, index value and header as markdown: each text
    shown as written (markdown_text); numbers and missing values are left alone."""
    def cell(value):
        return markdown_text(value) if isinstance(value, str) else value
    out = frame.map(cell)
    out.index = out.index.map(cell)
    out.columns = out.columns.map(cell)
    if out.index.name is not None:
        out.index.name = cell(out.index.name)
    return out


def web_address(value) -> str | None:
    """Return an address a link may open (http or https with a host), or None: a loaded source's 'javascript:…' or
    'data:…' address is never made a link."""
    text = _text(value).strip()
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None
