"""The facility register (dim_facility) as the place facility records refer to: a feedback row that names a
facility by its code may leave its name, type, county and ward empty, and the register fills them."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.participation.tables import FACILITY_TYPES

# feedback column -> register column
FILLED = {"facility_name": "facility_name", "facility_type": "sector", "county_code": "county_code",
          "ward_code": "ward_code"}


def fill_from_register(frame: pd.DataFrame, con) -> pd.DataFrame:
    """Return feedback rows with empty name, type, county and ward taken from the facility register by code.

    The feedback's facility_type is the register's sector (Health, Water, ECDE …) when it is one of the allowed
    types; values the file gives are kept.
    """
    if "facility_id" not in frame.columns:
        return frame
    register = con.execute("SELECT facility_code, facility_name, sector, county_code, ward_code "
                           "FROM dim_facility").df().set_index("facility_code")
    if register.empty:
        return frame
    register.loc[~register["sector"].isin(FACILITY_TYPES), "sector"] = pd.NA
    frame = frame.copy()
    codes = frame["facility_id"].astype("string").str.strip()
    for column, source in FILLED.items():
        known = codes.map(register[source]).astype("string")
        current = frame[column].astype("string") if column in frame else pd.Series(pd.NA, index=frame.index,
                                                                                   dtype="string")
        empty = current.isna() | (current.str.strip() == "")
        frame[column] = current.mask(empty, known)
    return frame
