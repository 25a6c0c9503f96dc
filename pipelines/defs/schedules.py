"""A daily full refresh (cheap when nothing changed: every stage is incremental)."""
import dagster as dg

from pipelines.defs.jobs import refresh_job

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh", job=refresh_job, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Every morning at 06:00 Beijing time.",
)
