"""gunicorn settings for production; every value can be overridden from the environment.

gunicorn -c deploy/gunicorn.conf.py srk_site.wsgi
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads serve cached pages and slow clients without a process each; processes use
# the cores for rendering. Two workers per core is a sound start on a small server.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Load the application once in the master so workers share its memory pages.
preload_app = True
# Recycle workers now and then so a slow leak cannot grow without bound. Not too often:
# a fresh worker starts with cold caches, and cached pages come by the thousand a second.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = 5000
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# The TLS proxy in front sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


# Garbage collection, measured with `make bench`: a Wagtail process holds about 200,000
# long-lived objects, and a full collection scans them all (about 100 ms here), which
# turned into the slowest 5 % of page views. So each worker freezes what it holds once
# it has served a few requests (templates, URL patterns and catalogs are loaded lazily),
# and collects the young generations less often.
GC_FREEZE_AFTER_REQUESTS = int(os.environ.get("GUNICORN_GC_FREEZE_AFTER", "20"))
GC_THRESHOLDS = (7000, 10, 10)


def post_fork(server, worker):
    gc.set_threshold(*GC_THRESHOLDS)
    worker.srk_requests_served = 0
    worker.srk_heap_frozen = False


# A worker that answers large exports (iCal, CSV, GeoJSON of a whole district) keeps
# the memory those took: Python's and C's allocators seldom hand freed memory back. No
# objects are left behind (tracemalloc shows no growth), but resident memory creeps up
# by some megabytes per export. So a worker above this size finishes its requests and
# is replaced by a fresh one, as uWSGI's reload-on-rss does; 0 switches it off.
MAX_WORKER_RSS_MB = int(os.environ.get("GUNICORN_MAX_WORKER_RSS_MB", "140"))
RSS_CHECK_EVERY = 5
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
HAS_PROC = os.path.exists("/proc/self/statm")  # Linux; elsewhere the check is skipped


def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE / 1024 / 1024


def post_request(worker, req, environ, resp):
    # Runs in the worker's threads; a lost increment only delays a check a little.
    worker.srk_requests_served = getattr(worker, "srk_requests_served", 0) + 1
    served = worker.srk_requests_served
    if served >= GC_FREEZE_AFTER_REQUESTS and not worker.srk_heap_frozen:
        worker.srk_heap_frozen = True
        gc.collect()
        gc.freeze()
    if (
        MAX_WORKER_RSS_MB
        and served % RSS_CHECK_EVERY == 0
        and worker.alive
        and HAS_PROC
        and resident_mb() > MAX_WORKER_RSS_MB
    ):
        worker.log.info("Worker above %s MB resident, replacing it", MAX_WORKER_RSS_MB)
        worker.alive = False  # gunicorn finishes open requests, then starts a new one


def when_ready(server):
    # In the master, once the application is loaded: templates, URL patterns and
    # catalogs, so every worker forked from it starts warm (srk_site/warmup.py).
    from srk_site.warmup import warm_up

    server.log.info("Warmed up: %s templates compiled", warm_up())


def pre_fork(server, worker):
    # What the master loaded (Django, Wagtail, the settings, the warm-up) is shared with
    # the workers: frozen, their collections neither scan it nor copy its memory pages
    # by writing to its GC headers.
    gc.freeze()
