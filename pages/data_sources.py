"""Data & sources: the data dictionary, every source with licence and as-of date, and each table as CSV."""

import streamlit as st

from jdp_analytics.app import auth, ui
from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.common.inert import web_address
from jdp_analytics.common.vocabulary import terms
from jdp_analytics.warehouse import build, catalog

ui.page_guard()

st.title(_("Data & sources"))
sources = ui.query("sources")
demo = sources[sources["is_demo"]]
hidden = int(ui.query_every_row("sources")["is_demo"].sum()) - len(demo)
if not demo.empty:
    st.warning(_("{demo}: {titles}. Pages and exports label these figures.").format(
        demo=_(ui.DEMO_LABEL), titles=", ".join(md(t) for t in terms(demo["title"]))))
elif hidden:
    st.success(_("Every figure shown is a published or loaded figure. The warehouse also holds {count} generated "
                 "sources, left out of every page, download and document while the demonstration switch in the "
                 "sidebar is off.").format(count=hidden))
else:
    st.success(_("Every figure in this warehouse is a published figure: none of it is demonstration data."))

st.header(_("Sources"))
st.caption(_("Titles, publishers and licences are given as each source states them; the notes are the project's "
             "record of how the figures reached it, in English."))
labels = {"source_id": _("source"), "publisher": _("publisher"), "title": _("title"), "url": _("address"),
          "licence": _("licence"), "as_of": _("as of"), "is_demo": _("demo"), "notes": _("notes"),
          "file_sha256": _("file SHA-256"), "used_in": _("used in (rows)")}
shown = sources.assign(url=sources["url"].map(web_address),  # a loaded 'javascript:' address is no link
                       title=terms(sources["title"]), publisher=terms(sources["publisher"]))  # the project's own
st.dataframe(shown.rename(columns=labels), hide_index=True, column_config={
    labels["url"]: st.column_config.LinkColumn(), labels["as_of"]: st.column_config.DateColumn(),
    labels["is_demo"]: st.column_config.CheckboxColumn()})
info = dict(ui.query("build_info").itertuples(index=False, name=None))
st.caption(md(build.caption(info)))
if auth.may(ui.current_user().role, auth.EDITOR):
    with st.expander(_("For editors: how this warehouse was built")):
        st.code("\n".join(f"{key}: {value}" for key, value in sorted(info.items())), language=None)

st.header(_("Data dictionary"))
st.caption(_("Generated from the one schema that also creates the warehouse and validates every file it loads."))
dictionary = catalog.dictionary()
headers = {key: _(label) for key, label in catalog.DICTIONARY_HEADERS.items()}
for name, table in catalog.TABLES.items():
    with st.expander(f"{catalog.title(name)} · `{name}` — {_(table.description)}"):
        st.dataframe(dictionary[dictionary["table"] == name].drop(columns="table").rename(columns=headers),
                     hide_index=True)

st.header(_("Download a table"))
st.caption(_("CSV, UTF-8; the first line names the sources. Text cells that a spreadsheet would run as a formula are "
             "prefixed with an apostrophe."))
downloads = ui.table_downloads()
if len(downloads) < len(catalog.TABLES):
    st.caption(_("The load history and the rows loads replaced name who loaded each file: editors and admins "
                 "download them."))
if any(download.zipped for download in downloads):
    st.caption(_("A table of more than {rows} rows downloads as its CSV in a ZIP archive.").format(
        rows=formatting.number(ui.ZIP_ROWS)))
for column, download in zip(st.columns(3) * len(downloads), downloads):
    # built when clicked, not each time the page is drawn: at national scale all tables' CSVs took minutes and GBs
    column.download_button(download.file_name, download.build, file_name=download.file_name, mime=download.mime,
                           key=f"download_{download.name}", on_click="ignore",
                           help=_("{rows} rows").format(rows=formatting.number(download.rows)))
