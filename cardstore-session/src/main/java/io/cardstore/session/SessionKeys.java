package io.cardstore.session;

/**
 * Where sessions live in Redis. Every key carries a hash tag ({@code {...}}), so each one
 * has a slot of its own in Redis Cluster and every command of the store touches one slot.
 *
 * <pre>
 * cardstore:session:{id}      hash: created, accessed, idle, auth, csrf, attr:&lt;name&gt;; expires with the session
 * cardstore:user:{name}       sorted set of the user's session ids, scored by a time each will have ended by
 * cardstore:session-changes   channel: "&lt;writer&gt; &lt;id&gt;" after every change or delete (a touch sends none)
 * </pre>
 *
 * @param namespace the prefix of every key, so that several applications can share a
 * Redis
 */
record SessionKeys(String namespace) {

	String session(String id) {
		return sessionPrefix() + id + "}";
	}

	String user(String principalName) {
		return userPrefix() + principalName + "}";
	}

	/** How every session's key starts. */
	String sessionPrefix() {
		return this.namespace + ":session:{";
	}

	/** How every user's index starts. */
	String userPrefix() {
		return this.namespace + ":user:{";
	}

	String changes() {
		return this.namespace + ":session-changes";
	}

}
