/**
 * The store run on this machine: its backing services started for it
 * ({@link io.cardstore.local.LocalCardStore}) and replicas started from the packaged jar
 * as the image starts them ({@link io.cardstore.local.PackagedApplication},
 * {@link io.cardstore.local.Replica}).
 */
@NullMarked
package io.cardstore.local;

import org.jspecify.annotations.NullMarked;
