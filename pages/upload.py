"""Upload data: template, validation with every problem listed, preview, then an atomic load (editors only)."""

import streamlit as st

from jdp_analytics.app import auth, ui
from jdp_analytics.common import exports
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.warehouse import loader, templates
from jdp_analytics.warehouse.schema import ValidationError

ui.page_guard()
st.title(_("Upload data"))
user = ui.current_user()
if st.query_params.get("kind") in loader.KINDS and "upload_kind" not in st.session_state:
    st.session_state["upload_kind"] = st.query_params["kind"]  # a page's "Load it on Upload data" link names its kind
kind = st.selectbox(_("What does the file hold?"), list(loader.KINDS),
                    format_func={k: _(spec.label) for k, spec in loader.KINDS.items()}.get, key="upload_kind")
template = loader.template(kind)
left, right = st.columns(2)
if loader.KINDS[kind].geometry in ("ward", "county"):  # a boundary set is a geometry file, not a table
    left.download_button(_("Template (GeoJSON)"), lambda: templates.boundary_geojson(kind),
                         file_name=f"template_{kind}.geojson", mime="application/geo+json", on_click="ignore",
                         key="template_geojson")
else:
    left.download_button(_("Template (CSV)"), lambda: exports.to_csv(template, "JDP Analytics upload template"),
                         file_name=f"template_{kind}.csv", mime="text/csv", on_click="ignore", key="template_csv")
    right.download_button(_("Template (Excel)"), lambda: exports.to_excel(template, "JDP Analytics upload template"),
                          file_name=f"template_{kind}.xlsx", on_click="ignore", key="template_xlsx")
st.caption(_("Counties and wards may be given by name (any common spelling) or by code. Columns and rules: see the "
             "data dictionary on the Data & sources page."))

if not auth.may(user.role, auth.EDITOR):
    st.info(_("You can read everything, but uploading needs an editor ({why}).").format(why=_(user.how)))
    ui.login_button()
    st.stop()

spec = loader.KINDS[kind]
if spec.geometry:
    st.caption(_("Geometry in any projection with a definition (a Shapefile needs its .prj in the zip); it is "
                 "reprojected to WGS84. Features are matched to wards or counties by code or name."))
upload = st.file_uploader(_("CSV or Excel file") if not spec.geometry else _("GeoJSON, zipped Shapefile or GeoPackage"),
                          type=(["csv", "xlsx", "txt"] if not spec.geometry else ["geojson", "json", "zip", "gpkg"])
                          + (["csv", "xlsx"] if spec.geometry == "point" else []), key="upload_file")
sheet = st.text_input(_("Excel sheet or GeoPackage layer (leave empty for the first)"), key="upload_sheet") or None
effective_date = (st.date_input(_("Boundaries in force from"), value=None, key="upload_effective_date")
                  if spec.geometry in ("ward", "county") else None)
geography = None
if spec.declares_geography:
    places = {c: ui.geography_label(c) for c in ui.GEOGRAPHY_CHOICES}
    geography = st.selectbox(_("Where are the figures for? (rows whose place the file does not give)"),
                             ui.GEOGRAPHY_CHOICES, format_func=places.get, key="upload_geography")
if upload is None:
    st.stop()
ignore = ui.columns_to_leave_out(upload, kind, sheet) if not spec.geometry else ()
with ui.unexpected_errors(_("checking the file")):
    with st.status(_("Reading and checking {file} …").format(file=md(upload.name))) as status:
        try:
            preview = loader.prepare(upload.getvalue(), upload.name, kind, ui.warehouse_path(), sheet=sheet,
                                     ignore_columns=ignore, geography=geography, effective_date=effective_date,
                                     leave_out=loader.LEAVE_OUT_PAGE)
        except ValidationError as err:
            status.update(label=_("{file} was checked: it cannot be loaded as it is.").format(file=md(upload.name)),
                          state="error")
            preview = err
        else:
            status.update(label=_("{file} was read and checked.").format(file=md(upload.name)), state="complete")
    if isinstance(preview, ValidationError):
        ui.show_problems(preview, upload.name)
        st.stop()

st.success(_("{file}: {rows} rows are valid.").format(file=md(upload.name), rows=f"{preview.row_count:,}"))
for note in preview.notes:
    st.info(md(note))
a, b = st.columns(2)
a.metric(_("Rows to add"), f"{preview.rows_added:,}")
b.metric(_("Rows that replace existing ones"), f"{preview.rows_replaced:,}")
st.dataframe(preview.totals, hide_index=True, column_config={
    "before": st.column_config.NumberColumn(format="localized"),
    "after": st.column_config.NumberColumn(format="localized")})
st.dataframe(preview.rows.drop(columns=["geometry_full", "geometry_geojson"], errors="ignore").head(20),
             hide_index=True)

with st.form("declare_source"):
    st.markdown(_("**Where do these figures come from?** Every row will cite this source."))
    publisher = st.text_input(_("Publisher"), key="source_publisher")
    title = st.text_input(_("Title of the report or register"), value=upload.name, key="source_title")
    licence = st.text_input(_("Licence or terms of use"), value="Not stated", key="source_licence")
    as_of = st.date_input(_("As of (date the figures describe)"), key="source_as_of")
    url = st.text_input(_("Address (optional)"), key="source_url")
    is_demo = st.checkbox(_("These are generated demonstration figures, not real ones"), key="source_demo")
    submitted = st.form_submit_button(_("Load {rows} rows").format(rows=f"{preview.row_count:,}"), type="primary")
if submitted:
    if not publisher.strip():
        st.error(_("Name the publisher before loading."))
        st.stop()
    source = loader.DeclaredSource(publisher.strip(), title.strip(), licence.strip(), as_of, url.strip(), is_demo)
    try:
        with ui.unexpected_errors(_("loading the file")), st.spinner(
                _("Loading {rows} rows …").format(rows=f"{preview.row_count:,}")):
            load_id = loader.load(preview, ui.warehouse_path(), source, user.name or "unknown")
    except loader.LoadError as err:  # another load is running or took a key since the check: nothing was written
        st.error(md(str(err)))
        st.stop()
    st.success(_("Loaded as {load}. The Load history page lists it; an admin can roll it back.").format(load=load_id))
