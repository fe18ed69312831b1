"""Sign-in resists guessing: failed sign-ins are counted per email (by its hash), and
sessions remember when they were last used, so they can expire when idle.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("email_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email_hash", name=op.f("pk_sign_in_attempts")),
    )
    with op.batch_alter_table("sign_in_attempts") as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_attempts_window_start"), ["window_start"],
                              unique=False)
    # Sessions open before the upgrade were last seen, as far as anyone knows, when created.
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE sessions SET last_seen_at = created_at")
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.alter_column("last_seen_at", existing_type=sa.DateTime(timezone=True),
                              nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch_op:
        batch_op.drop_column("last_seen_at")
    with op.batch_alter_table("sign_in_attempts") as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_attempts_window_start"))
    op.drop_table("sign_in_attempts")
