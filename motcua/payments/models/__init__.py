from motcua.payments.models.event import PaymentEvent
from motcua.payments.models.fees import FeeExemption, FeeSchedule
from motcua.payments.models.request import PaymentRequest
from motcua.payments.models.sandbox import SandboxPayment
from motcua.payments.models.transaction import PaymentTransaction

__all__ = ["FeeExemption", "FeeSchedule", "PaymentEvent", "PaymentRequest", "PaymentTransaction", "SandboxPayment"]
