"""Online payment gateways behind a plugin registry. Importing this package registers the built-in ones."""

from motcua.payments.gateways import sandbox, vnpay
from motcua.payments.gateways.base import (
    Gateway,
    GatewayResult,
    GatewayUnavailable,
    MalformedMessage,
    SignatureError,
)
from motcua.payments.gateways.registry import UnknownGateway, enabled, get, is_enabled, register

__all__ = [
    "Gateway",
    "GatewayResult",
    "GatewayUnavailable",
    "MalformedMessage",
    "SignatureError",
    "UnknownGateway",
    "enabled",
    "get",
    "is_enabled",
    "register",
    "sandbox",
    "vnpay",
]
