"""The yardstick of bench_room.py: a bare Streamlit app showing one plotly chart, and a picker that reruns it."""

import plotly.graph_objects as go
import streamlit as st

choice = st.selectbox("County", ["Kwale", "Embu", "Homa Bay"], key="county")
values = {"Kwale": [3, 1, 2], "Embu": [1, 3, 2], "Homa Bay": [2, 2, 3]}[choice]
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=values), layout=dict(title=f"Bare chart · {choice}")))
