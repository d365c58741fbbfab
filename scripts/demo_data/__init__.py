"""The demo data generator's parts (scripts/make_demo_data.py writes the workbooks)."""
