"""The extractor registry: a dict and a decorator, used by built-ins and users alike.

Register your own extractor the same way the built-ins do::

    from kg.extractors import register

    @register
    class Awards:
        name = "awards"
        description = "people who win awards"
        def extract(self, ctx): ...

Extractors run in registration order; entity extractors are registered first so relation
extractors see their mentions.
"""
from __future__ import annotations

from typing import Iterable

from kg.errors import ConfigError
from kg.types import Extractor

REGISTRY: dict[str, Extractor] = {}


def register(extractor):
    """Register an extractor class (instantiated with no arguments) or instance."""
    instance = extractor() if isinstance(extractor, type) else extractor
    if not getattr(instance, "name", None) or not callable(getattr(instance, "extract", None)):
        raise ConfigError(f"{extractor!r} is no extractor: it needs a name and an extract(ctx) method")
    REGISTRY[instance.name] = instance
    return extractor


def get_extractors(names: Iterable[str] | None = None) -> list[Extractor]:
    """The chosen extractors in registry order (all when ``names`` is None).

    Raises:
        ConfigError: a name is not registered.
    """
    if names is None:
        return list(REGISTRY.values())
    wanted = list(names)
    unknown = [n for n in wanted if n not in REGISTRY]
    if unknown:
        raise ConfigError(f"unknown extractor {unknown[0]!r}; available: {', '.join(REGISTRY)}")
    return [e for n, e in REGISTRY.items() if n in wanted]


from kg.extractors import entities, titles, hashtags, coref  # noqa: E402,F401  (entity extractors first)
from kg.extractors import roles, production, filming, release, franchise, places, bio, social  # noqa: E402,F401
