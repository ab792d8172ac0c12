/* test_crmd_merge.c — the version-wins merge and the DC choice. */
#include "crmd_core.h"

static void test_version_cmp(void)
{
    struct crmd_version a = {0, 5, 9}, b = {0, 6, 0}, c = {1, 0, 0}, d = {0, 5, 9};
    g_assert_cmpint(crmd_version_cmp(&a, &b), <, 0);
    g_assert_cmpint(crmd_version_cmp(&b, &c), <, 0);
    g_assert_cmpint(crmd_version_cmp(&c, &a), >, 0);
    g_assert_cmpint(crmd_version_cmp(&a, &d), ==, 0);
    struct crmd_version e = {0, 5, 10};
    g_assert_cmpint(crmd_version_cmp(&e, &a), >, 0);
}

static void test_winner(void)
{
    struct crmd_offer offers[] = {
        {3, {0, 4, 1}, "aaa", 0, 0},
        {1, {0, 5, 0}, "bbb", 0, 0},
        {2, {0, 5, 0}, "bbb", 0, 0},
    };
    const struct crmd_offer *w = crmd_sync_winner(offers, 3);
    g_assert_cmpuint(w->nodeid, ==, 1); /* highest version, tie to the lowest id */
    g_assert_false(crmd_sync_agreed(offers, 3));
    g_assert_true(crmd_sync_agreed(offers + 1, 2));
    g_assert_null(crmd_sync_winner(NULL, 0));
    /* admin_epoch beats everything */
    struct crmd_offer admin[] = {{1, {0, 99, 99}, "x", 0, 0}, {2, {1, 0, 0}, "y", 0, 0}};
    g_assert_cmpuint(crmd_sync_winner(admin, 2)->nodeid, ==, 2);
    /* same version, different digests: not agreed (the winner is sent) */
    struct crmd_offer split[] = {{1, {0, 3, 0}, "x", 0, 0}, {2, {0, 3, 0}, "y", 0, 0}};
    g_assert_false(crmd_sync_agreed(split, 2));
    /* num_updates alone (status) does not need a full copy */
    struct crmd_offer status[] = {{1, {0, 3, 1}, "x", 0, 0}, {2, {0, 3, 7}, "x", 0, 0}};
    g_assert_true(crmd_sync_agreed(status, 2));
}

static void test_dc(void)
{
    guint32 members[] = {3, 2, 5};
    /* nobody knew a DC: the lowest member */
    g_assert_cmpuint(crmd_dc_choose(members, 3, NULL, 0), ==, 2);
    /* the DC stays while it is a member, even if a lower id joins */
    guint32 with1[] = {1, 2, 3};
    struct crmd_dc_claim stay[] = {{0, 0}, {3, 2}, {3, 2}};
    g_assert_cmpuint(crmd_dc_choose(with1, 3, stay, 3), ==, 3);
    /* the DC left: its claim does not count */
    struct crmd_dc_claim gone[] = {{4, 3}, {4, 3}};
    g_assert_cmpuint(crmd_dc_choose(members, 3, gone, 2), ==, 2);
    /* two partitions of the same size merge: the lower DC id stays */
    guint32 four[] = {1, 2, 3, 4};
    struct crmd_dc_claim merge[] = {{1, 2}, {1, 2}, {3, 2}, {3, 2}};
    g_assert_cmpuint(crmd_dc_choose(four, 4, merge, 4), ==, 1);
    /* a node that restarted alone does not take over from the majority */
    struct crmd_dc_claim restart[] = {{1, 1}, {2, 2}, {2, 2}};
    g_assert_cmpuint(crmd_dc_choose(with1, 3, restart, 3), ==, 2);
    g_assert_cmpuint(crmd_dc_choose(NULL, 0, NULL, 0), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/crmd/merge/version-cmp", test_version_cmp);
    g_test_add_func("/crmd/merge/winner", test_winner);
    g_test_add_func("/crmd/merge/dc", test_dc);
    return g_test_run();
}
