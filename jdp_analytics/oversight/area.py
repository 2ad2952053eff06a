"""The oversight area in the warehouse: what the press reported of audit opinions, pending bills and budget
approval."""

from __future__ import annotations

from jdp_analytics.common.i18n import N_
from jdp_analytics.oversight import tables as oversight
from jdp_analytics.warehouse.area import Area

AREA = Area(
    "oversight",
    tables=(oversight.FACT_REPORTED_STATEMENT,),
    titles={"fact_reported_statement": N_("Statements as reported in the press")},
)
