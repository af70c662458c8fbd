from motcua.catalog.tests.fixtures import empty_cache, real_catalogue

__all__ = ["empty_cache", "real_catalogue"]
