"""`make bench` is not part of the suite; only its wrk report parsing is checked here."""

import pytest

from bench.run import parse_wrk

WRK_OUTPUT = """Running 8s test @ http://127.0.0.1:8100/
  2 threads and 10 connections
  Non-2xx or 3xx responses: 3
JSON {"requests": 4000, "duration_us": 8000000, "p50": 1500, "p95": 4200, "p99": 9000, \
"connect": 0, "read": 1, "write": 0, "status": 3, "timeout": 2}
"""


def test_wrk_report_gives_rates_latencies_in_ms_and_every_error_kind():
    result = parse_wrk(WRK_OUTPUT)
    assert result["rps"] == 500
    assert (result["p50_ms"], result["p95_ms"]) == (1.5, 4.2)
    assert result["non_2xx_3xx"] == 3 and result["socket_errors"] == 3


def test_missing_report_line_is_a_clear_error():
    with pytest.raises(ValueError, match="report.lua"):
        parse_wrk("Running 8s test\n")
