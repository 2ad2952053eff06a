"""Upload data: template, validation with every problem listed, preview, then an atomic load (editors only)."""

import streamlit as st

from jdp_analytics.app import auth, ui
from jdp_analytics.common import exports
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.schema import ValidationError

ui.page_guard()
st.title("Upload data")
user = ui.current_user()
kind = st.selectbox("What does the file hold?", list(loader.KINDS), format_func=lambda k: loader.KINDS[k].label,
                    key="upload_kind")
template = loader.template(kind)
left, right = st.columns(2)
left.download_button("Template (CSV)", lambda: exports.to_csv(template, "JDP Analytics upload template"),
                     file_name=f"template_{kind}.csv", mime="text/csv", on_click="ignore", key="template_csv")
right.download_button("Template (Excel)", lambda: exports.to_excel(template, "JDP Analytics upload template"),
                      file_name=f"template_{kind}.xlsx", on_click="ignore", key="template_xlsx")
st.caption("Counties and wards may be given by name (any common spelling) or by code. Columns and rules: "
           "see the data dictionary on the Data & sources page.")

if not auth.may(user.role, auth.EDITOR):
    st.info(f"You can read everything, but uploading needs an editor ({user.how}).")
    ui.login_button()
    st.stop()

spec = loader.KINDS[kind]
if spec.geometry:
    st.caption("Geometry in any projection with a definition (a Shapefile needs its .prj in the zip); it is "
               "reprojected to WGS84. Features are matched to wards or counties by code or name.")
upload = st.file_uploader("CSV or Excel file" if not spec.geometry else "GeoJSON, zipped Shapefile or GeoPackage",
                          type=(["csv", "xlsx", "txt"] if not spec.geometry else ["geojson", "json", "zip", "gpkg"])
                          + (["csv", "xlsx"] if spec.geometry == "point" else []), key="upload_file")
sheet = st.text_input("Excel sheet or GeoPackage layer (leave empty for the first)", key="upload_sheet") or None
effective_date = (st.date_input("Boundaries in force from", value=None, key="upload_effective_date")
                  if spec.geometry in ("ward", "county") else None)
geography = None
if spec.declares_geography:
    geography = st.selectbox("Where are the figures for? (rows whose place the file does not give)",
                             ui.GEOGRAPHY_CHOICES, format_func=ui.geography_label, key="upload_geography")
if upload is None:
    st.stop()
ignore = ui.columns_to_leave_out(upload, kind, sheet) if not spec.geometry else ()
with ui.unexpected_errors("checking the file"):
    try:
        preview = loader.prepare(upload.getvalue(), upload.name, kind, ui.warehouse_path(), sheet=sheet,
                                 ignore_columns=ignore, geography=geography, effective_date=effective_date)
    except ValidationError as err:
        ui.show_problems(err, upload.name)
        st.stop()

st.success(f"{upload.name}: {len(preview.rows):,} rows are valid.")
for note in preview.notes:
    st.info(note)
a, b = st.columns(2)
a.metric("Rows to add", f"{preview.rows_added:,}")
b.metric("Rows that replace existing ones", f"{preview.rows_replaced:,}")
st.dataframe(preview.totals, hide_index=True, column_config={
    "before": st.column_config.NumberColumn(format="localized"),
    "after": st.column_config.NumberColumn(format="localized")})
st.dataframe(preview.rows.drop(columns=["geometry_full", "geometry_geojson"], errors="ignore").head(20),
             hide_index=True)

with st.form("declare_source"):
    st.markdown("**Where do these figures come from?** Every row will cite this source.")
    publisher = st.text_input("Publisher", key="source_publisher")
    title = st.text_input("Title of the report or register", value=upload.name, key="source_title")
    licence = st.text_input("Licence or terms of use", value="Not stated", key="source_licence")
    as_of = st.date_input("As of (date the figures describe)", key="source_as_of")
    url = st.text_input("Address (optional)", key="source_url")
    is_demo = st.checkbox("These are generated demonstration figures, not real ones", key="source_demo")
    submitted = st.form_submit_button(f"Load {len(preview.rows):,} rows", type="primary")
if submitted:
    if not publisher.strip():
        st.error("Name the publisher before loading.")
        st.stop()
    source = loader.DeclaredSource(publisher.strip(), title.strip(), licence.strip(), as_of, url.strip(), is_demo)
    with ui.unexpected_errors("loading the file"):
        load_id = loader.load(preview, ui.warehouse_path(), source, user.name or "unknown")
    st.success(f"Loaded as {load_id}. The Load history page lists it; an admin can roll it back.")
