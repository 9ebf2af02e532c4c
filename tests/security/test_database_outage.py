"""Database outages: a friendly 503 while PostgreSQL is away, recovery on its own after.

The end-to-end test runs gunicorn against PostgreSQL through a small TCP proxy owned by
the test and cuts the proxy, never the real server (others use it). It is skipped when
no PostgreSQL answers on 127.0.0.1:5432 (or SRK_FAULT_PG_URL).
"""

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client

from tests.conftest import host

REPO = Path(__file__).resolve().parents[2]
# Our share of the machine's HTTP ports.
PORTS = range(8240, 8260)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "error, status",
    [(OperationalError("server closed the connection unexpectedly"), 503), (ValueError, 500)],
)
def test_a_lost_database_gives_a_friendly_503_other_errors_stay_a_500(monkeypatch, error, status):
    from wagtail.models import Site

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(Site, "find_for_request", fail)
    response = Client(raise_request_exception=False).get("/", headers={"host": host("kalk")})
    assert response.status_code == status
    if status == 500:
        assert "Retry-After" not in response
        return
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Die Seite ist gleich wieder da" in html
    assert "Traceback" not in html and "OperationalError" not in html


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in our range")


class CuttableProxy:
    """A TCP proxy in its own event loop thread; cut() drops every connection and stops
    listening (the database 'restarts'), restore() listens again on the same port."""

    def __init__(self, target_host, target_port, port):
        self.target = (target_host, target_port)
        self.port = port
        self.loop = asyncio.new_event_loop()
        self.server = None
        self.writers = set()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()

    async def _pipe(self, reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _handle(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        self.writers |= {client_writer, server_writer}
        await asyncio.gather(
            self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer)
        )

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(10)

    def restore(self):
        async def start():
            self.server = await asyncio.start_server(
                self._handle, "127.0.0.1", self.port, reuse_address=True
            )

        self._run(start())

    def cut(self):
        async def stop():
            self.server.close()
            for writer in list(self.writers):
                writer.transport.abort()
            self.writers.clear()
            await self.server.wait_closed()

        self._run(stop())

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)


def get(port, path="/farben.css"):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "kalk.localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_postgres_restart_gives_503_then_the_site_recovers_on_its_own(migrated_postgres):
    fault_database = migrated_postgres
    proxy = CuttableProxy(fault_database.hostname, fault_database.port or 5432, free_port())
    proxy.restore()
    http_port = free_port()
    through_proxy = fault_database._replace(
        netloc=f"{fault_database.username}@127.0.0.1:{proxy.port}"
    ).geturl()
    server = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "srk_site.wsgi",
            "--bind",
            f"127.0.0.1:{http_port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=REPO,
        env={
            **os.environ,
            "DATABASE_URL": through_proxy,
            # Persistent connections, so a restart leaves a dead one behind to detect.
            "DB_CONN_MAX_AGE": "600",
            "DJANGO_SETTINGS_MODULE": "srk_site.settings.test",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    statuses = []
    try:
        for _ in range(100):
            try:
                status, _headers, _body = get(http_port)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert status == 200
        statuses += [get(http_port)[0] for _ in range(5)]
        assert statuses == [200] * 5  # one persistent connection serves them all

        proxy.cut()  # PostgreSQL "restarts": connections die, new ones are refused
        during = [get(http_port) for _ in range(5)]
        for status, headers, body in during:
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert "Die Seite ist gleich wieder da" in body
            assert "Traceback" not in body
        statuses += [status for status, _h, _b in during]

        proxy.restore()
        after = [get(http_port)[0] for _ in range(5)]
        statuses += after
        # The health check drops the dead connection; the very first request reconnects.
        assert after == [200] * 5
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=20)
        proxy.close()
    assert "OperationalError" in errors  # the outage is in the server log, not on the page
    assert statuses.count(503) == 5 and statuses.count(200) == 10
