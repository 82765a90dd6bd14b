package se.delaktig.platform;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that is run only to be thrown away: a write whose input held an identity number runs in a
 * transaction that is always rolled back (see {@code privacy.web.IdentityNumberGuard}). Kept here,
 * at the bottom, so that the audit log and the error pages can recognise it without depending on
 * the module that does it.
 */
public final class DiscardedWork {

    /** The name of the transaction that is always rolled back. */
    public static final String TRANSACTION = "delaktig.discarded-work";

    /** The request attribute that marks a request whose input held an identity number. */
    public static final String REQUEST_ATTRIBUTE = "delaktig.discarded-input";

    private DiscardedWork() {
    }

    /** Whether the current thread runs inside such a transaction. */
    public static boolean inProgress() {
        return TRANSACTION.equals(TransactionSynchronizationManager.getCurrentTransactionName());
    }
}
