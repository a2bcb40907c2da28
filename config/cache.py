"""The Redis cache, failing open: while Redis is unreachable, reads miss and writes are dropped
instead of raising, so logging in (whose rate limits live in the cache) keeps working; the
limits resume with Redis."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

log = logging.getLogger(__name__)
# Redis down, restarting or out of reach, as redis-py reports it (the channel layer's too).
UNREACHABLE = (ConnectionError, TimeoutError, OSError)


def _fail_open(method, when_down):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            log.warning("The cache (Redis) is unreachable, %s skipped: %s", method.__name__, error)
            return when_down(*args, **kwargs) if callable(when_down) else when_down

    return call


class FailOpenRedisCache(RedisCache):
    get = _fail_open(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _fail_open(RedisCache.get_many, {})
    has_key = _fail_open(RedisCache.has_key, False)
    set = _fail_open(RedisCache.set, None)
    set_many = _fail_open(RedisCache.set_many, [])
    add = _fail_open(RedisCache.add, True)  # as if added: a lock (allauth's rate limits) is taken, not waited for
    touch = _fail_open(RedisCache.touch, False)
    delete = _fail_open(RedisCache.delete, False)
    delete_many = _fail_open(RedisCache.delete_many, None)
    incr = _fail_open(RedisCache.incr, lambda key, delta=1, version=None: delta)
