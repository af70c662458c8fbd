from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = _("Đánh giá mức độ hài lòng")

    def ready(self):
        from motcua.dossiers.signals import notification_lines
        from motcua.feedback.receivers import rating_invitation

        notification_lines.connect(rating_invitation, dispatch_uid="feedback.rating_invitation")
