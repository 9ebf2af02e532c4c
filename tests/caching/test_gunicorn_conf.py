"""The worker hooks in deploy/gunicorn.conf.py: heap freeze and replacement by size."""

import gc
import importlib.util
import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


@pytest.fixture
def conf():
    spec = importlib.util.spec_from_file_location("srk_gunicorn_conf", CONF)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    thresholds = gc.get_threshold()
    yield module
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def worker():
    return SimpleNamespace(alive=True, log=logging.getLogger("test.gunicorn"))


def serve(conf, a_worker, requests):
    for _ in range(requests):
        conf.post_request(a_worker, None, {}, None)


def test_a_worker_freezes_its_heap_once_warmed_up(conf):
    a_worker = worker()
    conf.post_fork(None, a_worker)
    assert gc.get_threshold() == conf.GC_THRESHOLDS
    serve(conf, a_worker, conf.GC_FREEZE_AFTER_REQUESTS - 1)
    assert not a_worker.srk_heap_frozen
    serve(conf, a_worker, 1)
    assert a_worker.srk_heap_frozen and gc.get_freeze_count() > 0


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")
def test_a_worker_above_the_memory_limit_is_replaced(conf):
    a_worker = worker()
    conf.post_fork(None, a_worker)
    conf.MAX_WORKER_RSS_MB = conf.resident_mb() * 2
    serve(conf, a_worker, conf.RSS_CHECK_EVERY * 2)
    assert a_worker.alive
    conf.MAX_WORKER_RSS_MB = 1
    serve(conf, a_worker, conf.RSS_CHECK_EVERY)
    assert not a_worker.alive


def test_the_master_compiles_every_public_template_before_forking():
    from django.template import engines

    from srk_site.warmup import public_template_names, warm_up

    names = public_template_names()
    assert "base.html" in names and len(names) > 20
    assert warm_up() == len(names)
    loader = engines["django"].engine.template_loaders[0]
    assert set(names) <= set(loader.get_template_cache)
