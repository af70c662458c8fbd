from django.utils.translation import gettext as _

from motcua.dossiers.constants import EventAction
from motcua.feedback import services


def rating_invitation(sender, event, **kwargs) -> list[str]:
    """The returned-result e-mail invites the applicant to rate, through a signed link that needs no login."""
    if event.action != EventAction.RETURN_RESULT or event.dossier.applicant_id is None:
        return []
    return [
        _("Mời Ông/Bà đánh giá mức độ hài lòng về việc giải quyết hồ sơ: %(url)s")
        % {"url": services.rating_link_url(event.dossier)}
    ]
