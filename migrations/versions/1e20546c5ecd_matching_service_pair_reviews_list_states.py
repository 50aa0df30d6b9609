"""matching service: per-pair reviews, list states, index log, task failures

A broker's decision moves from the per-direction suggestion row to the pair: the latest decision
on each (need, achievement) becomes its PairReview, then the review columns are dropped.

Revision ID: 1e20546c5ecd
Revises: 1d343e101b83
Create Date: 2026-12-02 04:29:15.277125

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1e20546c5ecd'
down_revision = '1d343e101b83'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('index_changes',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('op', sa.String(length=8), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=True),
    sa.Column('doc', sa.JSON(), nullable=True),
    sa.Column('tokens', sa.JSON(), nullable=True),
    sa.Column('vector', sa.LargeBinary(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_index_changes')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('index_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_index_changes_at'), ['at'], unique=False)

    op.create_table('task_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('traceback', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('failed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_failures'))
    )
    with op.batch_alter_table('task_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_failures_failed_at'), ['failed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_failures_name'), ['name'], unique=False)

    op.create_table('pair_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('achievement_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'accepted', 'rejected', name='review_status', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('reject_reason', sa.Enum('off_topic', 'too_early', 'over_budget', 'vague', 'already_paired', 'other', name='reject_reason', native_enum=False, create_constraint=True, length=18), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('need_hash', sa.String(length=64), nullable=True),
    sa.Column('achievement_hash', sa.String(length=64), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status <> 'pending'", name=op.f('ck_pair_reviews_decided')),
    sa.CheckConstraint("status <> 'rejected' OR reject_reason IS NOT NULL", name=op.f('ck_pair_reviews_rejected_has_reason')),
    sa.ForeignKeyConstraint(['achievement_id'], ['achievements.id'], name=op.f('fk_pair_reviews_achievement_id_achievements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['tech_needs.id'], name=op.f('fk_pair_reviews_need_id_tech_needs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_pair_reviews_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pair_reviews')),
    sa.UniqueConstraint('need_id', 'achievement_id', name=op.f('uq_pair_reviews_need_id_achievement_id'))
    )
    with op.batch_alter_table('pair_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pair_reviews_achievement_id'), ['achievement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pair_reviews_need_id'), ['need_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pair_reviews_status'), ['status'], unique=False)

    op.create_table('suggestion_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.Enum('need2ach', 'ach2need', name='match_direction', native_enum=False, create_constraint=True, length=12), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=True),
    sa.Column('achievement_id', sa.Integer(), nullable=True),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('engine_version', sa.String(length=40), nullable=False),
    sa.Column('index_seq', sa.BigInteger(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(direction = 'need2ach' AND need_id IS NOT NULL AND achievement_id IS NULL) OR (direction = 'ach2need' AND achievement_id IS NOT NULL AND need_id IS NULL)", name=op.f('ck_suggestion_lists_one_owner')),
    sa.ForeignKeyConstraint(['achievement_id'], ['achievements.id'], name=op.f('fk_suggestion_lists_achievement_id_achievements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['tech_needs.id'], name=op.f('fk_suggestion_lists_need_id_tech_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_lists')),
    sa.UniqueConstraint('achievement_id', name=op.f('uq_suggestion_lists_achievement_id')),
    sa.UniqueConstraint('need_id', name=op.f('uq_suggestion_lists_need_id'))
    )
    # Move decisions to the pair: the latest decision on each pair, from either direction.
    op.execute(sa.text("""
        INSERT INTO pair_reviews (need_id, achievement_id, status, reject_reason, reviewed_by_id, reviewed_at)
        SELECT s.need_id, s.achievement_id, s.review_status, s.reject_reason, s.reviewed_by_id,
               COALESCE(s.reviewed_at, s.created_at)
        FROM match_suggestions s
        WHERE s.review_status <> 'pending'
          AND s.id = (SELECT s2.id FROM match_suggestions s2
                      WHERE s2.need_id = s.need_id AND s2.achievement_id = s.achievement_id
                        AND s2.review_status <> 'pending'
                      ORDER BY COALESCE(s2.reviewed_at, s2.created_at) DESC, s2.id DESC
                      LIMIT 1)
    """))
    with op.batch_alter_table('match_suggestions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_match_suggestions_rejected_has_reason'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_match_suggestions_review_status'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_match_suggestions_reject_reason'), type_='check')
        batch_op.drop_index(batch_op.f('ix_match_suggestions_review_status'))
        batch_op.drop_constraint(batch_op.f('fk_match_suggestions_reviewed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('review_status')
        batch_op.drop_column('reviewed_by_id')
        batch_op.drop_column('reject_reason')



def downgrade():
    with op.batch_alter_table('match_suggestions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reject_reason', sa.Enum('off_topic', 'too_early', 'over_budget', 'vague', 'already_paired', 'other', name='reject_reason', native_enum=False, create_constraint=True, length=18), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('review_status', sa.Enum('pending', 'accepted', 'rejected', name='review_status', native_enum=False, create_constraint=True, length=12), nullable=False, server_default='pending'))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_match_suggestions_reviewed_by_id_users'), 'users', ['reviewed_by_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_match_suggestions_review_status'), ['review_status'], unique=False)
        batch_op.create_check_constraint(batch_op.f('ck_match_suggestions_rejected_has_reason'), "review_status <> 'rejected' OR reject_reason IS NOT NULL")
    # A pair's decision goes back onto each of its suggestion rows.
    for column in ('review_status', 'reject_reason', 'reviewed_by_id', 'reviewed_at'):
        source = 'status' if column == 'review_status' else column
        op.execute(sa.text(f"""
            UPDATE match_suggestions SET {column} = (
                SELECT r.{source} FROM pair_reviews r
                WHERE r.need_id = match_suggestions.need_id AND r.achievement_id = match_suggestions.achievement_id)
            WHERE EXISTS (SELECT 1 FROM pair_reviews r
                          WHERE r.need_id = match_suggestions.need_id AND r.achievement_id = match_suggestions.achievement_id)
        """))

    op.drop_table('suggestion_lists')
    with op.batch_alter_table('pair_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pair_reviews_status'))
        batch_op.drop_index(batch_op.f('ix_pair_reviews_need_id'))
        batch_op.drop_index(batch_op.f('ix_pair_reviews_achievement_id'))

    op.drop_table('pair_reviews')
    with op.batch_alter_table('task_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_failures_name'))
        batch_op.drop_index(batch_op.f('ix_task_failures_failed_at'))

    op.drop_table('task_failures')
    with op.batch_alter_table('index_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_index_changes_at'))

    op.drop_table('index_changes')
