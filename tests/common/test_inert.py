"""Text from data or the URL stays text: each escaping function with the attack review's payloads, exact outputs."""

from __future__ import annotations

import json

import pandas as pd

from jdp_analytics.common.inert import (
    WORD_JOINER,
    html_text,
    markdown_frame,
    markdown_text,
    plotly_text,
    tooltip_text,
    web_address,
)
from jdp_analytics.common.measures import Measure
from jdp_analytics.geography import maps

J = WORD_JOINER
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[click](javascript:alert(1))"
HTTPS_LINK = "[click](https://evil.example/)"
ANCHOR = '<a href="https://evil.example/">click</a>'


def test_markdown_text_escapes_tags_and_links_and_breaks_autolinks():
    assert markdown_text(SCRIPT) == "\\<script\\>alert(1)\\</script\\>"
    assert markdown_text(IMG) == "\\<img src=x onerror=alert(1)\\>"
    assert markdown_text(JS_LINK) == f"\\[click\\](javascript:{J}alert(1))"
    assert markdown_text(HTTPS_LINK) == f"\\[click\\](https:{J}//evil.example/)"
    assert markdown_text(ANCHOR) == f'\\<a href="https:{J}//evil.example/"\\>click\\</a\\>'
    assert markdown_text("see https://evil.example, www.evil.example or me@evil.example") == (
        f"see https:{J}//evil.example, www{J}.evil.example or me@{J}evil.example")
    assert markdown_text("![x](https://evil.example/x.png)") == f"!\\[x\\](https:{J}//evil.example/x.png)"


def test_markdown_text_escapes_emphasis_code_math_tables_headings_and_streamlit_directives():
    assert markdown_text("**bold** _it_ ~del~ `code` $x$ a|b # h & c") == (
        "\\*\\*bold\\*\\* \\_it\\_ \\~del\\~ \\`code\\` \\$x\\$ a\\|b \\# h \\& c")
    assert markdown_text(":red[alarm] :material/home:") == f":{J}red\\[alarm\\] :{J}material/home:"
    assert markdown_text("1. first") == "1\\. first"
    assert markdown_text("- item") == "\\- item"
    assert markdown_text("line one\nline two") == "line one line two"


def test_markdown_text_leaves_plain_text_as_it_stands():
    assert markdown_text("Controller of Budget, County Budget Implementation Review Report (FY 2023/24); as of "
                         "30 Jun 2024.") == ("Controller of Budget, County Budget Implementation Review Report "
                                             "(FY 2023/24); as of 30 Jun 2024.")
    assert markdown_text("Source: KNBS 'NOPE-1'") == "Source: KNBS 'NOPE-1'"
    assert markdown_text(None) == "" and markdown_text(float("nan")) == ""


def test_html_text_and_tooltip_text_write_tags_quotes_and_braces_as_character_references():
    assert html_text(IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    assert html_text(ANCHOR) == "&lt;a href=&quot;https://evil.example/&quot;&gt;click&lt;/a&gt;"
    assert tooltip_text("<b>{name}</b> & 'x'") == "&lt;b&gt;&#123;name&#125;&lt;/b&gt; &amp; &#x27;x&#x27;"


def test_plotly_text_writes_tags_as_character_references_plotly_shows_as_written():
    assert plotly_text(ANCHOR) == '&lt;a href="https://evil.example/"&gt;click&lt;/a&gt;'
    assert plotly_text(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert plotly_text("M&E <br> unit") == "M&amp;E &lt;br&gt; unit"


def test_markdown_frame_escapes_cells_index_and_headers_for_st_table():
    frame = pd.DataFrame({"Programme": [HTTPS_LINK, "Roads"], "KES": [1.0, None]},
                         index=pd.Index([IMG, "b"], name="<i>name</i>"))
    shown = markdown_frame(frame)
    assert shown["Programme"].tolist() == [f"\\[click\\](https:{J}//evil.example/)", "Roads"]
    assert shown.index.tolist() == ["\\<img src=x onerror=alert(1)\\>", "b"]
    assert shown.index.name == "\\<i\\>name\\</i\\>"
    assert shown["KES"].iloc[0] == 1.0 and pd.isna(shown["KES"].iloc[1])


def test_web_address_keeps_http_and_https_only():
    assert web_address("https://cob.go.ke/reports/") == "https://cob.go.ke/reports/"
    assert web_address("http://example.org") == "http://example.org"
    assert web_address("javascript:alert(1)") is None
    assert web_address(" JavaScript:alert(1)") is None
    assert web_address("data:text/html,<script>alert(1)</script>") is None
    assert web_address("") is None and web_address(None) is None


def test_the_county_map_tooltip_holds_an_uploaded_indicator_name_as_text():
    boundaries = pd.DataFrame({"county_code": ["043"], "county_name": ["Homa Bay"], "is_jdp_target": [True],
                               "geometry_geojson": ['{"type":"Polygon","coordinates":[[[34,-0.5],[34.5,-0.5],'
                                                    '[34.5,-0.9],[34,-0.5]]]}']})
    values = pd.DataFrame({"county_code": ["043"], "value": [50.0], "flag": [None]})
    measure = Measure("x", "<img src=x onerror=alert(1)> {name}", "pct")
    deck = maps.county_deck(boundaries, values, measure)
    tooltip = deck._tooltip["html"]  # what st.pydeck_chart sends as the tooltip
    assert tooltip == ("<b>{name}</b> {target}<br/>&lt;img src=x onerror=alert(1)&gt; &#123;name&#125;: "
                       "{value_text}")
    legend = maps.legend_html([0.0, 50.0, 100.0], measure)
    assert "<img" not in legend


def test_a_programme_named_with_a_link_is_text_in_the_budget_composition_chart():
    from jdp_analytics.budget.composition_charts import amounts_by_part

    data = pd.DataFrame({"programme": [ANCHOR], "approved_development_kes": [1e6], "approved_recurrent_kes": [2e6],
                         "approved_kes": [3e6], "expenditure_kes": [1e6]})
    fig = amounts_by_part(data, "programme", f"Budget {ANCHOR}", f"Source: {ANCHOR}")
    assert list(fig.data[0].y) == ['&lt;a href="https://evil.example/"&gt;click&lt;/a&gt;']
    assert fig.layout.title.text == 'Budget &lt;a href="https://evil.example/"&gt;click&lt;/a&gt;'
    assert "<a " not in json.dumps(fig.to_plotly_json(), default=str)
