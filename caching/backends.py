"""A Redis cache that degrades to "no cache" instead of failing requests.

Wagtail keeps site root paths and renditions in the default cache, so with Django's plain
RedisCache an unreachable Redis would turn every page into a 500. Here every cache call
that cannot reach Redis logs a warning (at most every few seconds) and behaves like a
miss; after a failure Redis is left alone for a short pause so requests don't each wait
for a connection timeout.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("caching")

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Seconds to skip Redis after a failure; also the interval between warnings.
PAUSE_SECONDS = 5.0

# What each wrapped method returns while Redis is unreachable.
FALLBACKS = {
    "get": lambda args, kwargs: kwargs.get("default", args[1] if len(args) > 1 else None),
    "get_many": lambda args, kwargs: {},
    "has_key": lambda args, kwargs: False,
    "add": lambda args, kwargs: False,
    "set": lambda args, kwargs: None,
    "set_many": lambda args, kwargs: [],
    "touch": lambda args, kwargs: False,
    "delete": lambda args, kwargs: False,
    "delete_many": lambda args, kwargs: None,
    "clear": lambda args, kwargs: None,
}


class ReusingRedisCacheClient(RedisCacheClient):
    """Django builds a new `redis.Redis` for every cache call, and its constructor
    registers some 170 reply callbacks: a fifth of a page-cache hit's time. A client
    is thread-safe and the pool checks the process id after a fork, so one client per
    pool serves every thread of a worker."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _tolerant(self, name, *args, **kwargs):
        if time.monotonic() < type(self)._down_until:
            return FALLBACKS[name](args, kwargs)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            type(self)._down_until = time.monotonic() + PAUSE_SECONDS
            logger.warning("Redis unreachable, serving without cache: %s", error)
            return FALLBACKS[name](args, kwargs)

    def incr(self, key, delta=1, version=None):
        # incr raises ValueError for a missing key; callers handle that, so only
        # connection errors are turned into the same ValueError here.
        if time.monotonic() < type(self)._down_until:
            raise ValueError("cache unavailable")
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            type(self)._down_until = time.monotonic() + PAUSE_SECONDS
            logger.warning("Redis unreachable, serving without cache: %s", error)
            raise ValueError("cache unavailable") from error

    def get_or_set(self, key, default, timeout=None, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            self.add(key, value, timeout=timeout, version=version)
        return value


def _wrap(name):
    @functools.wraps(getattr(RedisCache, name))
    def method(self, *args, **kwargs):
        return self._tolerant(name, *args, **kwargs)

    return method


for _name in FALLBACKS:
    setattr(TolerantRedisCache, _name, _wrap(_name))
