"""What every online gateway plugin provides; the services speak only this."""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.utils import timezone


class SignatureError(Exception):
    """The message was not signed with our shared secret (forged or tampered)."""


class MalformedMessage(Exception):
    """Signed or not, the message lacks what the protocol requires."""


class GatewayUnavailable(Exception):
    """The gateway did not answer, or answered something we cannot trust."""


@dataclass(frozen=True)
class GatewayResult:
    """A verified statement from the gateway about one of our transactions."""

    reference: str
    status: str  # a TransactionStatus
    amount: int | None
    gateway_reference: str = ""
    params: dict = field(default_factory=dict)


class Gateway(ABC):
    """A payment gateway plugin: start → redirect → return → server-to-server notification, plus a status query."""

    id: str = ""
    label: str = ""

    @abstractmethod
    def payment_url(self, transaction, *, return_url: str, notify_url: str, client_ip: str) -> str:
        """Where to send the payer's browser; the gateway comes back to `return_url` and notifies `notify_url`."""

    @abstractmethod
    def verify_callback(self, params: dict) -> GatewayResult:
        """Check the signature of a return or notification; raises SignatureError or MalformedMessage."""

    @abstractmethod
    def query(self, transaction) -> GatewayResult:
        """Ask the gateway what became of `transaction`; raises GatewayUnavailable."""

    @abstractmethod
    def notification_response(self, outcome: str) -> dict:
        """The body the gateway expects in reply to its notification, given our EventOutcome."""


def local_timestamp(moment=None) -> str:
    """yyyyMMddHHmmss in Vietnam time (GMT+7), the format gateways here use."""
    return timezone.localtime(moment or timezone.now()).strftime("%Y%m%d%H%M%S")
