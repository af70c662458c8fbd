"""Gateway plugins by id (Open Forms style): `@register` a Gateway subclass, `get(id)` an instance."""

from django.conf import settings

from motcua.payments.gateways.base import Gateway

_gateways: dict[str, type[Gateway]] = {}


class UnknownGateway(LookupError):
    pass


def register(gateway_class: type[Gateway]) -> type[Gateway]:
    if not gateway_class.id:
        raise ValueError("a gateway needs an id")
    if _gateways.get(gateway_class.id, gateway_class) is not gateway_class:
        raise ValueError(f"gateway id {gateway_class.id!r} is already registered")
    _gateways[gateway_class.id] = gateway_class
    return gateway_class


def get(gateway_id: str) -> Gateway:
    try:
        return _gateways[gateway_id]()
    except KeyError:
        raise UnknownGateway(gateway_id) from None


def is_enabled(gateway_id: str) -> bool:
    return gateway_id in _gateways and gateway_id in settings.PAYMENTS_GATEWAYS


def enabled() -> list[Gateway]:
    """The gateways citizens may choose from, in the order the deployment lists them."""
    return [get(gateway_id) for gateway_id in settings.PAYMENTS_GATEWAYS if gateway_id in _gateways]
