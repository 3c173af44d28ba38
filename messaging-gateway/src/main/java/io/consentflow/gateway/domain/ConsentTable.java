package io.consentflow.gateway.domain;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The gateway's in-memory copy of consent-state, packed so a million contacts fit in well under 100 MB: an
 * open-addressing table of primitive arrays, 40 bytes a slot (128 bits of the contactKey, the subjectId as a UUID,
 * one int of status, Meta marketing flag and a purpose bit set, and the snapshot's time in whole seconds, rounded down
 * so that a STOP is never taken as reflected by a snapshot made before it). 128 bits of an HMAC do not collide in practice.
 * Single writer (the consent-state follower), many readers; every method is synchronized because reads are
 * nanoseconds and the writer is one thread.
 */
public final class ConsentTable {

    private static final int OCCUPIED = 1;
    private static final int META_STOP = 1 << 4;
    private static final int SUBJECT_ON_SIDE = 1 << 5;
    private static final int PURPOSE_SHIFT = 8;
    private static final int MAX_PURPOSES = 24;

    private long[] keys;
    private long[] subjects;
    /** Unsigned epoch seconds (good until 2106). */
    private int[] since;
    private int[] states;
    private int size;
    private final List<String> purposeNames = new ArrayList<>();
    private final Map<String, Integer> purposeBits = new HashMap<>();
    /** subjectIds that are not UUIDs (never expected from consent-service, kept correct anyway). */
    private final Map<Long, String> oddSubjects = new HashMap<>();

    public ConsentTable(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expectedSize / 0.7)) - 1) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity * 2];
        subjects = new long[capacity * 2];
        since = new int[capacity];
        states = new int[capacity];
        size = 0;
    }

    public synchronized int size() {
        return size;
    }

    /** Inserts or replaces the contact's consent. */
    public synchronized void put(String contactKey, ConsentFacts facts) {
        byte[] raw = decode(contactKey);
        long k0 = bytesToLong(raw, 0);
        long k1 = bytesToLong(raw, 8);
        int slot = find(k0, k1);
        if (slot < 0) {
            if ((size + 1) > states.length * 0.75) {
                grow();
                slot = find(k0, k1);
            }
            slot = -slot - 1;
            keys[2 * slot] = k0;
            keys[2 * slot + 1] = k1;
            size++;
        }
        int state = OCCUPIED | (facts.status().ordinal() << 1) | (facts.marketingStoppedAtMeta() ? META_STOP : 0)
                | (purposeMask(facts.purposes()) << PURPOSE_SHIFT);
        oddSubjects.remove(k0);
        UUID uuid = uuid(facts.subjectId());
        if (uuid != null) {
            subjects[2 * slot] = uuid.getMostSignificantBits();
            subjects[2 * slot + 1] = uuid.getLeastSignificantBits();
        } else if (facts.subjectId() != null) {
            state |= SUBJECT_ON_SIDE;
            oddSubjects.put(k0, facts.subjectId());
        }
        states[slot] = state;
        since[slot] = (int) (facts.since() / 1000);
    }

    /** The contact's consent, or null when unknown. */
    public synchronized ConsentFacts get(String contactKey) {
        int slot = find(contactKey);
        if (slot < 0) {
            return null;
        }
        int state = states[slot];
        String subjectId = (state & SUBJECT_ON_SIDE) != 0 ? oddSubjects.get(keys[2 * slot])
                : subjects[2 * slot] == 0 && subjects[2 * slot + 1] == 0 ? null
                : new UUID(subjects[2 * slot], subjects[2 * slot + 1]).toString();
        return new ConsentFacts(subjectId, ConsentStatus.values()[(state >>> 1) & 7], purposes(state >>> PURPOSE_SHIFT),
                (state & META_STOP) != 0, Integer.toUnsignedLong(since[slot]) * 1000);
    }

    /** Meta's marketing preference seen on the webhook before consent-service republished the snapshot. */
    public synchronized void setMarketingStoppedAtMeta(String contactKey, boolean stopped) {
        int slot = find(contactKey);
        if (slot >= 0) {
            states[slot] = stopped ? states[slot] | META_STOP : states[slot] & ~META_STOP;
        }
    }

    /** Tombstone: the subject was erased. */
    public synchronized void remove(String contactKey) {
        int slot = find(contactKey);
        if (slot < 0) {
            return;
        }
        oddSubjects.remove(keys[2 * slot]);
        int mask = states.length - 1;
        // backward-shift deletion keeps linear probing chains intact without tombstone markers
        int hole = slot;
        int next = (hole + 1) & mask;
        while (states[next] != 0) {
            int home = home(keys[2 * next], mask);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                move(next, hole);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        states[hole] = 0;
        keys[2 * hole] = keys[2 * hole + 1] = subjects[2 * hole] = subjects[2 * hole + 1] = since[hole] = 0;
        size--;
    }

    private void move(int from, int to) {
        keys[2 * to] = keys[2 * from];
        keys[2 * to + 1] = keys[2 * from + 1];
        subjects[2 * to] = subjects[2 * from];
        subjects[2 * to + 1] = subjects[2 * from + 1];
        states[to] = states[from];
        since[to] = since[from];
    }

    /** The slot holding the key, or {@code -(insertion slot) - 1}. */
    private int find(long k0, long k1) {
        int mask = states.length - 1;
        int slot = home(k0, mask);
        while (states[slot] != 0) {
            if (keys[2 * slot] == k0 && keys[2 * slot + 1] == k1) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -slot - 1;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldSubjects = subjects;
        int[] oldSince = since;
        int[] oldStates = states;
        int oldSize = size;
        allocate(oldStates.length * 2);
        for (int i = 0; i < oldStates.length; i++) {
            if (oldStates[i] != 0) {
                int slot = -find(oldKeys[2 * i], oldKeys[2 * i + 1]) - 1;
                keys[2 * slot] = oldKeys[2 * i];
                keys[2 * slot + 1] = oldKeys[2 * i + 1];
                subjects[2 * slot] = oldSubjects[2 * i];
                subjects[2 * slot + 1] = oldSubjects[2 * i + 1];
                states[slot] = oldStates[i];
                since[slot] = oldSince[i];
            }
        }
        size = oldSize;
    }

    private static int home(long k0, int mask) {
        long h = k0 * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private int purposeMask(Set<String> purposes) {
        int mask = 0;
        for (String purpose : purposes) {
            Integer bit = purposeBits.get(purpose);
            if (bit == null) {
                if (purposeNames.size() == MAX_PURPOSES) {
                    throw new IllegalStateException("more than " + MAX_PURPOSES + " distinct purposes");
                }
                bit = purposeNames.size();
                purposeNames.add(purpose);
                purposeBits.put(purpose, bit);
            }
            mask |= 1 << bit;
        }
        return mask;
    }

    private Set<String> purposes(int mask) {
        Set<String> result = new HashSet<>();
        for (int bit = 0; bit < purposeNames.size(); bit++) {
            if ((mask & (1 << bit)) != 0) {
                result.add(purposeNames.get(bit));
            }
        }
        return result;
    }

    /** The slot holding the contact, or {@code -(insertion slot) - 1}; the key is decoded once. */
    private int find(String contactKey) {
        byte[] raw = decode(contactKey);
        return find(bytesToLong(raw, 0), bytesToLong(raw, 8));
    }

    private static byte[] decode(String contactKey) {
        byte[] raw = Base64.getUrlDecoder().decode(contactKey.replace("=", ""));
        if (raw.length < 16) {
            throw new IllegalArgumentException("contactKey is not an HMAC-SHA256");
        }
        return raw;
    }

    private static long bytesToLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static UUID uuid(String subjectId) {
        if (subjectId == null || subjectId.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(subjectId);
            return uuid.toString().equals(subjectId) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
