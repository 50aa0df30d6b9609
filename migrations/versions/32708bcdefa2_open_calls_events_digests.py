"""open calls, events, digests

揭榜挂帅 gets its criteria, milestones, experts, per-criterion scores, the winner with 公示 and
objections, and 验收; matchmaking events get attendance and outcomes; organisations get a
定期推送 frequency; users an expert flag (and outside experts a role of their own).

Revision ID: 32708bcdefa2
Revises: 394a6e8cfcaa
Create Date: 2026-12-02 06:57:22.068521

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '32708bcdefa2'
down_revision = '394a6e8cfcaa'
branch_labels = None
depends_on = None


CHALLENGE_OLD = "('published', 'proposing', 'reviewing', 'implementing', 'accepted', 'cancelled')"
CHALLENGE_NEW = ("('published', 'proposing', 'reviewing', 'publicity', 'implementing', 'accepted', 'failed', "
                 "'cancelled')")
ROLES_OLD = "('enterprise', 'university', 'broker', 'admin')"
ROLES_NEW = "('enterprise', 'university', 'broker', 'admin', 'expert')"


def upgrade():
    op.create_table('challenge_criteria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('weight BETWEEN 1 AND 100', name=op.f('ck_challenge_criteria_weight_range')),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_criteria_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_criteria')),
    sa.UniqueConstraint('challenge_id', 'name', name=op.f('uq_challenge_criteria_challenge_id_name'))
    )
    with op.batch_alter_table('challenge_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_criteria_challenge_id'), ['challenge_id'], unique=False)

    op.create_table('challenge_experts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_experts_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['expert_id'], ['users.id'], name=op.f('fk_challenge_experts_expert_id_users')),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_challenge_experts_invited_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_experts')),
    sa.UniqueConstraint('challenge_id', 'expert_id', name=op.f('uq_challenge_experts_challenge_id_expert_id'))
    )
    with op.batch_alter_table('challenge_experts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_experts_challenge_id'), ['challenge_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_experts_expert_id'), ['expert_id'], unique=False)

    op.create_table('challenge_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_milestones_challenge_id_challenges'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_milestones'))
    )
    with op.batch_alter_table('challenge_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_milestones_challenge_id'), ['challenge_id'], unique=False)

    op.create_table('challenge_objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('challenge_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['challenge_id'], ['challenges.id'], name=op.f('fk_challenge_objections_challenge_id_challenges'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_challenge_objections_resolved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_challenge_objections_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_objections'))
    )
    with op.batch_alter_table('challenge_objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_objections_challenge_id'), ['challenge_id'], unique=False)

    op.create_table('event_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('need_id', sa.Integer(), nullable=False),
    sa.Column('achievement_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('pairing_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['achievement_id'], ['achievements.id'], name=op.f('fk_event_outcomes_achievement_id_achievements')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_event_outcomes_created_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['matchmaking_events.id'], name=op.f('fk_event_outcomes_event_id_matchmaking_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['need_id'], ['tech_needs.id'], name=op.f('fk_event_outcomes_need_id_tech_needs')),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_event_outcomes_pairing_id_pairings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_outcomes')),
    sa.UniqueConstraint('event_id', 'need_id', 'achievement_id', name=op.f('uq_event_outcomes_event_id_need_id_achievement_id'))
    )
    with op.batch_alter_table('event_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_outcomes_event_id'), ['event_id'], unique=False)

    op.create_table('proposal_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.CheckConstraint('score >= 0', name=op.f('ck_proposal_scores_score_not_negative')),
    sa.ForeignKeyConstraint(['criterion_id'], ['challenge_criteria.id'], name=op.f('fk_proposal_scores_criterion_id_challenge_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['proposal_reviews.id'], name=op.f('fk_proposal_scores_review_id_proposal_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal_scores')),
    sa.UniqueConstraint('review_id', 'criterion_id', name=op.f('uq_proposal_scores_review_id_criterion_id'))
    )
    with op.batch_alter_table('proposal_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_scores_review_id'), ['review_id'], unique=False)

    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.add_column(sa.Column('indicators', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('complete_by', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('min_scores', sa.Integer(), nullable=False, server_default='2'))
        batch_op.add_column(sa.Column('publicity_days', sa.Integer(), nullable=False, server_default='5'))
        batch_op.add_column(sa.Column('winner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('winner_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('publicity_ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('awarded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('acceptance_passed', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('acceptance_report', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('accepted_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_challenges_winner_id_proposals'), 'proposals', ['winner_id'], ['id'],
                                    deferrable=True, initially='DEFERRED')

    # The winner of a call awarded before this version is its proposal marked as won.
    op.execute(sa.text("""
        UPDATE challenges SET winner_id = (
            SELECT p.id FROM proposals p WHERE p.challenge_id = challenges.id AND p.status = 'won')
        WHERE winner_id IS NULL
    """))
    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_challenges_challenge_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_challenges_challenge_status'), f"status IN {CHALLENGE_NEW}")
        batch_op.create_check_constraint(batch_op.f('ck_challenges_publicity_positive'), "publicity_days >= 1")
        batch_op.create_check_constraint(batch_op.f('ck_challenges_min_scores_positive'), "min_scores >= 1")
        batch_op.create_check_constraint(batch_op.f('ck_challenges_awarded_has_winner'),
            "status NOT IN ('publicity', 'implementing', 'accepted', 'failed') OR winner_id IS NOT NULL")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_users_user_role'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_users_user_role'), f"role IN {ROLES_NEW}")

    with op.batch_alter_table('event_achievements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attended', sa.Boolean(), nullable=True))

    with op.batch_alter_table('event_needs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attended', sa.Boolean(), nullable=True))

    with op.batch_alter_table('matchmaking_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('online', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('industry_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_matchmaking_events_created_by_id_users'), 'users', ['created_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_matchmaking_events_industry_id_industries'), 'industries', ['industry_id'], ['id'])

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_frequency', sa.Enum('weekly', 'monthly', 'off', name='digest_frequency', native_enum=False, create_constraint=True, length=11), nullable=False, server_default='weekly'))
        batch_op.add_column(sa.Column('last_digest_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_pairings_event_id_matchmaking_events'), 'matchmaking_events', ['event_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('proposal_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_members', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('timeline', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_proposals_challenge_id_team_id'), ['challenge_id', 'team_id'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_expert', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade():
    op.execute(sa.text("DELETE FROM users WHERE role = 'expert'"))
    op.execute(sa.text("UPDATE challenges SET status = 'implementing' WHERE status = 'publicity'"))
    op.execute(sa.text("UPDATE challenges SET status = 'accepted' WHERE status = 'failed'"))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_users_user_role'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_users_user_role'), f"role IN {ROLES_OLD}")
        batch_op.drop_column('is_expert')

    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_proposals_challenge_id_team_id'), type_='unique')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('timeline')
        batch_op.drop_column('team_members')

    with op.batch_alter_table('proposal_reviews', schema=None) as batch_op:
        batch_op.drop_column('updated_at')

    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_pairings_event_id_matchmaking_events'), type_='foreignkey')
        batch_op.drop_column('event_id')

    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_organizations_digest_frequency'), type_='check')
        batch_op.drop_column('last_digest_at')
        batch_op.drop_column('digest_frequency')

    with op.batch_alter_table('matchmaking_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_matchmaking_events_industry_id_industries'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_matchmaking_events_created_by_id_users'), type_='foreignkey')
        batch_op.drop_column('created_by_id')
        batch_op.drop_column('industry_id')
        batch_op.drop_column('online')

    with op.batch_alter_table('event_needs', schema=None) as batch_op:
        batch_op.drop_column('attended')

    with op.batch_alter_table('event_achievements', schema=None) as batch_op:
        batch_op.drop_column('attended')

    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_challenges_awarded_has_winner'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_challenges_min_scores_positive'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_challenges_publicity_positive'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_challenges_challenge_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_challenges_challenge_status'), f"status IN {CHALLENGE_OLD}")
        batch_op.drop_constraint(batch_op.f('fk_challenges_winner_id_proposals'), type_='foreignkey')
        batch_op.drop_column('accepted_on')
        batch_op.drop_column('acceptance_report')
        batch_op.drop_column('acceptance_passed')
        batch_op.drop_column('awarded_at')
        batch_op.drop_column('publicity_ends_on')
        batch_op.drop_column('winner_reason')
        batch_op.drop_column('winner_id')
        batch_op.drop_column('publicity_days')
        batch_op.drop_column('min_scores')
        batch_op.drop_column('complete_by')
        batch_op.drop_column('indicators')

    with op.batch_alter_table('proposal_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_scores_review_id'))

    op.drop_table('proposal_scores')
    with op.batch_alter_table('event_outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_outcomes_event_id'))

    op.drop_table('event_outcomes')
    with op.batch_alter_table('challenge_objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_objections_challenge_id'))

    op.drop_table('challenge_objections')
    with op.batch_alter_table('challenge_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_milestones_challenge_id'))

    op.drop_table('challenge_milestones')
    with op.batch_alter_table('challenge_experts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_experts_expert_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_experts_challenge_id'))

    op.drop_table('challenge_experts')
    with op.batch_alter_table('challenge_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_criteria_challenge_id'))

    op.drop_table('challenge_criteria')
