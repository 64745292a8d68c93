/**
 * JobRunr, and only here: its storage on our database ({@link com.fleetprovisioner.queue.JobStorage}), the job
 * requests and their handlers for provisioning, notifications and reconciliation, and the adapters that
 * create jobs behind core's ports ({@code ProvisioningQueue}, {@code NotificationJobs}, {@code ReconcileJobs}).
 * The web enqueues through it; the worker also runs its handlers. {@code db} does not know JobRunr.
 *
 * <p><b>Upgrading across the move out of {@code db} (issue 16).</b> JobRunr stores the class names of a job's
 * request and handler with every job; before this version they were {@code com.fleetprovisioner.db.queue.*},
 * {@code com.fleetprovisioner.db.notify.*} and {@code com.fleetprovisioner.db.reconcile.*}. Jobs written by
 * the old version cannot be run by the new one: JobRunr fails them as not deserializable. Drain the queue
 * before upgrading: stop the web (nothing new is enqueued), let the old workers run until JobRunr shows no
 * enqueued, scheduled or processing job (its dashboard, or {@code /health} of the workers), then stop them
 * and start the new version. Devices whose old jobs were lost anyway are not: they stay queued or retrying
 * in the device table, and the new workers' sweeper wakes them with new jobs; the recurring reconciliation
 * is registered again by the workers under its same id. Keeping the old names would have meant a
 * {@code db} package in this module, which is what the move is for; the drain is a one-time step.
 */
package com.fleetprovisioner.queue;
