import hashlib

from django.core.cache import cache


def over_limit(request, scope, per_hour):
    """Count this client's requests for `scope`; True once it has had `per_hour`.

    Only a hash of the client address is kept, for an hour, in the cache.
    """
    address = request.META.get("REMOTE_ADDR", "")
    key = f"{scope}:" + hashlib.sha256(address.encode()).hexdigest()[:32]
    count = cache.get_or_set(key, 0, timeout=3600)
    if count >= per_hour:
        return True
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=3600)
    return False
