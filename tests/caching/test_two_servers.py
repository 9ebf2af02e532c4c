"""Two app servers sharing PostgreSQL and Redis: a change published through one process
is served by the other at once, although both keep a page cache.

Runs when the test database is PostgreSQL (DATABASE_URL) and Redis answers; Redis
database SRK_TEST_REDIS_DB (default 9), a key prefix of its own. Builds its own database
`<test database>_two`, so it takes a minute.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_DB = os.environ.get("SRK_TEST_REDIS_DB", "9")
REDIS_HOST = os.environ.get("SRK_TEST_REDIS_HOST", "127.0.0.1")

PUBLISH = """
from district.models import NewsIndexPage, NewsPage
index = NewsIndexPage.objects.get(url_path="/kalk/aktuelles/")
news = NewsPage(title="Neu über Server A", slug="neu-ueber-server-a", teaser="Frisch.")
index.add_child(instance=news)
news.save_revision().publish()
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_reachable():
    try:
        with socket.create_connection((REDIS_HOST, 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def shared_stack(django_db_blocker):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs PostgreSQL: run the suite with DATABASE_URL=postgres://…")
    if not redis_reachable():
        pytest.skip(f"needs Redis at {REDIS_HOST}:6379")
    import psycopg

    name = f"{database['NAME']}_two"
    dsn = {
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
    }
    with (
        django_db_blocker.unblock(),
        psycopg.connect(dbname="postgres", autocommit=True, **dsn) as conn,
    ):
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    password = f":{dsn['password']}" if dsn["password"] else ""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "srk_site.settings.production",
        "SECRET_KEY": "two-servers-test-key-two-servers-test-key-two-servers-test",
        "SRK_BASE_DOMAIN": "localhost",
        "SRK_SITE_PORT": "8000",
        "ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://{dsn['user']}{password}@{dsn['host']}:{dsn['port']}/{name}",
        "REDIS_URL": f"redis://{REDIS_HOST}:6379/{REDIS_DB}",
        "SRK_CACHE_KEY_PREFIX": f"two-servers-{os.getpid()}",
        "SRK_PAGE_CACHE_SECONDS": "300",
        "STATIC_ROOT": str(ROOT / "var" / "test-static"),
        "GUNICORN_WORKERS": "1",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)  # noqa: S603
    subprocess.run([*manage, "setup_portal", "-v0"], env=env, check=True, capture_output=True)  # noqa: S603
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)  # noqa: S603
    servers = {}
    try:
        for label in ("A", "B"):
            port = free_port()
            servers[label] = (
                port,
                subprocess.Popen(  # noqa: S603 - the venv's gunicorn, fixed arguments
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "-c",
                        str(ROOT / "deploy" / "gunicorn.conf.py"),
                        "srk_site.wsgi",
                    ],
                    env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    cwd=ROOT,
                    start_new_session=True,
                ),
            )
        for port, _process in servers.values():
            wait_for(port)
        yield {"servers": servers, "env": env, "manage": manage}
    finally:
        for _port, process in servers.values():
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        with (
            django_db_blocker.unblock(),
            psycopg.connect(dbname="postgres", autocommit=True, **dsn) as conn,
        ):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fetch(port, path="/aktuelles/"):
    request = urllib.request.Request(  # noqa: S310 - loopback URL built here
        f"http://127.0.0.1:{port}{path}", headers={"Host": "kalk.localhost:8000"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.headers.get("X-Page-Cache"), response.read().decode()


def wait_for(port):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            fetch(port, "/")
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"app server on port {port} did not start")


def test_change_published_through_one_process_is_served_by_the_other_at_once(shared_stack):
    port_a = shared_stack["servers"]["A"][0]
    port_b = shared_stack["servers"]["B"][0]
    fetch(port_b)
    state, html = fetch(port_b)
    assert state == "hit" and "Neu über Server A" not in html
    # The page cache is shared: A answers from what B stored.
    assert fetch(port_a)[0] == "hit"

    subprocess.run(  # noqa: S603 - a third process publishes, like an editor on server A
        [*shared_stack["manage"], "shell", "-c", PUBLISH],
        env=shared_stack["env"],
        check=True,
        capture_output=True,
    )

    state, html = fetch(port_b)
    assert state == "miss" and "Neu über Server A" in html
    assert "Neu über Server A" in fetch(port_a)[1]
