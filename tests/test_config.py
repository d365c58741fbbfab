"""The shipped Streamlit configuration keeps the promises of the README: no telemetry, XSRF
protection on, an upload limit, no error details (tracebacks) shown to users."""

import tomllib

from spendline.config import ROOT


def test_streamlit_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 200
    assert config["client"]["showErrorDetails"] == "none"


def test_the_tables_own_unescaped_csv_download_is_off():
    """st.dataframe's toolbar "Download as CSV" writes =HYPERLINK(...) as it is: not offered."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
