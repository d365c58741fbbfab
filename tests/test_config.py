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
