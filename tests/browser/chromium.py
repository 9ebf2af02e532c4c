"""Whether the browser tests can run here: Debian's Chromium and the playwright package."""

import os

CHROMIUM = os.environ.get("SRK_CHROMIUM", "/usr/bin/chromium")


def chromium_missing():
    """Why the browser tests cannot run here, or None when they can."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return (
            f"Chromium not found at {CHROMIUM}; install Debian's `chromium` package "
            "(or point SRK_CHROMIUM at a Chromium binary)"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the Python package playwright is missing; run `make install`"
    return None


def in_ci():
    return os.environ.get("CI", "").lower() == "true"


def report_header():
    """One line for pytest's header (tests/conftest.py): whether the browser tests run."""
    reason = chromium_missing()
    if reason is None:
        return f"browser tests: Chromium at {CHROMIUM}"
    verdict = "FAIL (CI=true)" if in_ci() else "SKIPPED"
    return f"browser tests: {verdict} — {reason}"
