package io.consentflow.rules.intent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The development tables (withdrawal-development.tsv, written apart from the lexicons,
 * withdrawal-development-{a,...,z,aa,...,bj}.tsv, sixty-two later tables by other authors with deliberately varied phrasings, and
 * withdrawal-examples.tsv, the lexicon author's own rows and the schemas module's former STOP table): which a model
 * may learn from ({@link #TABLES}, {@link #HELD_BACK}), which are fresh ({@link #FRESH}), how to read them, and what
 * each set of tables scored on arrival. Split from {@code DevelopmentTableTest} (which holds the floors on them) in
 * 2026.12-20's round, when that class had grown to 350 lines.
 *
 * <p>The four lettered tables were scored once on arrival, before any tuning, by recogniser 2026.12-1: pooled
 * withdrawal recall 0.731 (a 0.767, b 0.687, c 0.657, d 0.815), false stops 0.041, clarifications 0.003. That is
 * the honest out-of-sample estimate of that version; every figure printed here is in-sample. Tables e-h, by four
 * further authors, scored 2026.12-2 on arrival at pooled recall 0.829 (e 0.820, f 0.840, g 0.824, h 0.830) with
 * no false stop, before tuning on them. Tables i-l (630 rows each, seven languages a table, by four further authors,
 * with many near-misses: "not interested in the red one", "don't send it to my old address", "enough, I already
 * paid") scored 2026.12-3 on arrival, before tuning on them: pooled withdrawal recall 0.909 (i 0.951, j 0.877,
 * k 0.929, l 0.880; lowest languages uk 0.82, ar, pl, sk 0.84), false stops 0.107 (i 0.071, j 0.129, k 0.119,
 * l 0.110), clarifications 0.017 (i 0.014, j 0.005, k 0.019, l 0.029), START exact 30/84 (i 14, j 9, k 5, l 2 of
 * 21), YES exact 74/84 (i 20, j 18, k 17, l 19 of 21). After tuning on them, 2026.12-4 scores them (in-sample) at
 * recall 0.997, false stops 0.004, no clarification, START 80/84, YES 84/84, and the sealed corpus at 0.932 recall and
 * 1.1 % false stops: the distance between the two is what tuning on tables is worth.
 *
 * <p>Tables m-p (630 rows each, seven languages a table, four further authors who never saw the code) were copied
 * unchanged from the corpus folder and scored on arrival by 2026.12-4 as committed (0250de7, in a clean scratch
 * checkout), before any tuning on them: pooled withdrawal recall 0.834 (m 0.826, n 0.814, o 0.843, p 0.854; lowest
 * languages da, et, hu 0.74, then ar, de, fi, hr, lv 0.78), false stops 0.035 (m 0.067, n 0, o 0.024, p 0.048),
 * clarifications 0.006 (m 0.010, n 0, o 0.005, p 0.010), ERASE exact 249/280, START exact 60/84 (m 16, n 15, o 15,
 * p 14 of 21), YES exact 79/84 (m 19, n 19, o 21, p 20 of 21). The misses were mostly kinds rather than words ("these
 * messages annoy me", "I already unsubscribed, why do I still get them?", "can you stop?", "why do you keep writing?
 * I don't want it", "I never agreed to this"), which 2026.12-5 reads as word classes in every language (cessation
 * with the messages in either order, annoyance, refusal, "already", removal with what it removes). After that, in
 * sample: m 0.986, n 0.994, o 0.974, p 1.000, pooled over all tables 0.998, false stops 0.004.
 *
 * <p>Tables q-t (630 rows each, seven languages a table, four further authors who never saw the code; q: ar bg da en
 * ga ro sk, r: de el hr hu lv sv uk, s: cs es et it mt pl tr, t: fi fr lt nl pt ru sl) were copied unchanged from the
 * corpus folder and scored on arrival by 2026.12-5 as committed (ba60437, in a scratch worktree), before any tuning on
 * them: pooled withdrawal recall 0.940 (q 0.937, r 0.914, s 0.966, t 0.943; lowest languages hu, sv 0.86, fi, ga
 * 0.88, ar, el 0.90), false stops 0.036 (q 0.010, r 0.057, s 0.043, t 0.033), no clarification, ERASE exact 266/280,
 * START exact 59/84 (q 15, r 12, s 17, t 15 of 21), YES exact 78/84 (q 20, r 17, s 21, t 20 of 21). Table r was
 * rewritten by its author in 13 rows minutes after the first copy; the final file is the one kept and scored (the
 * first copy scored the same 0.914). Their misses, by why: a yes/no question with both halves read as UNCERTAIN
 * (11), "I unsubscribed, why do you still ...?" read as UNCERTAIN (4), a word of cessation, refusal or prohibition
 * unknown (31), a verb of removal unknown (12), consent never given in a past form (3), an inflection or compound of
 * a word for the messages (2), a guard vetoing it (1), a filler or vocative beside a bare command (4), typos (5),
 * indirect statements with neither half (11). The false stops were subscription boxes, pictures, reviews, cards,
 * addresses and couriers unknown as order objects and corrections unknown ("I mixed up the pictures"). 2026.12-6
 * reads those classes in every language; after that, in sample: q 0.983, r 0.980, s 0.986, t 0.980, pooled over all
 * tables 0.996, false stops 0.006 (28 of 4,806; q-t 14 of 840). The sealed corpus did not move (0.943).
 *
 * <p>Tables u-x (630 rows each, seven languages a table, four further authors who never saw the code; u: bg cs fr ga
 * it sv uk, v: ar da es fi hr lt sk, w: el en et lv nl pt tr, x: de hu mt pl ro ru sl) were copied unchanged from the
 * corpus folder and scored on arrival by 2026.12-6 as committed (85aa9d7, in a scratch copy), before any tuning on
 * them: pooled withdrawal recall 0.893 (u 0.886, v 0.900, w 0.906, x 0.880; lowest languages hu 0.74, mt 0.82, ar,
 * cs, it 0.84, bg, hr, lt 0.86), false stops 0.029 (u 0.019, v 0.043, w 0.024, x 0.029), clarifications 0.001
 * (x 0.005), ERASE exact 257/280, START exact 66/84 (u 19, v 15, w 17, x 15 of 21), YES exact 78/84 (u 20, v 20,
 * w 20, x 18 of 21). Five rounds of tables tuned into the lexicons had not moved that figure, so 2026.12-7 adds a
 * learned second opinion ({@link OptOutModel}, {@link SecondOpinion}), judged by leaving one table out
 * ({@code HeldOutTableHarness}): on u-x, with the rules of 2026.12-6 and a model that never saw the table, 0.963
 * recall, false stops 0.035, clarifications 0.014 (rules alone 0.893, 0.029, 0.001); over i-x, each table read by
 * the recogniser that first scored it and a model that never saw it, 0.972, 0.037, 0.014 (rules alone 0.894, 0.051,
 * 0.006). Every figure printed here is in-sample for the rules and the model both.
 *
 * <p>Tables y and z (420 rows each, all 14 of a table's languages short everyday replies: per language 14 NONE
 * such as "thx" or "who is this?", 4 YES with formal consent sentences, 2 START, 8 short STOP, 2 UNCERTAIN; two
 * further authors; y: ar bg cs da es fi fr ga hr it lt sk sv uk, z: de el en et hu lv mt nl pl pt ro ru sl tr) were
 * copied unchanged from the corpus folder and scored on arrival by 2026.12-7 as committed (1204caf), before any
 * retraining or tuning on them: pooled withdrawal recall 0.991 (y 0.982, z 1.000; lowest languages ar, ga 0.88),
 * false stops 0.056 (22 of 392; y 0.031, z 0.082), clarifications 0.092 (36 of 392), and 31 of the 168 YES and
 * START rows read as STOP (30 of 112 YES: y 18, z 12; 1 of 56 START), where the rules alone read 0.969, 0.003, no
 * clarification and 4 of 168: the model, trained on tables with few short replies and many "I don't want to receive
 * your offers", heard short ordinary replies and "I agree to receive your offers" as withdrawals. 2026.12-8 trains
 * on them and hears the model less where no word of withdrawal or negation stands ({@link SecondOpinion}).
 *
 * <p>Tables aa and ab (420 rows each, 14 languages a table, two further authors; per language 12 STOP, mostly one to
 * four colloquial words, 3 ERASE, 11 NONE of which 6 short everyday replies and 5 near-misses, 2 YES, 2 UNCERTAIN;
 * aa: de el en et hu lv mt nl pl pt ro ru sl tr, ab: ar bg cs da es fi fr ga hr it lt sk sv uk) were copied unchanged
 * from the corpus folder and scored on arrival by 2026.12-8 as committed (the model of e1ca661, which never saw
 * them), before any retraining: pooled withdrawal recall 0.952 (400 of 420; aa 0.948, ab 0.957; lowest languages
 * ga 0.80, et, pt, ro 0.87), false stops 1 of 308 NONE rows (0.3 %, "toppen 👍"), clarifications 2 of 308 (0.6 %),
 * ERASE exact 81/84 (the other 3 read STOP), YES exact 56/56, UNCERTAIN exact 31/56 (4 read STOP), and 16 short
 * NONE replies ("ok", "passt", "tamam") read as YES; the rules alone 0.905 (380 of 420). Its 20 misses: "get lost"
 * in slang (13: "defolun 😡", "ophoepelen", "kaduge", "húzzatok el", "imigh leat", "Dégagez!!", "махайте се"),
 * "why do you keep writing to me? I never signed up" (5), "that's enough!" (1), "terminati odata" (1, UNCERTAIN).
 * The combinations of {@link CombinationVariants} on the same rows with the same model: without 2026.12-8's
 * two-word rule 0.957 (402 of 420: "defolun 😡", "terminati odata"), no more false stops. 2026.12-9 trains on them.
 *
 * <p>Tables ac-ah (630 rows each, 14 languages a table, six further authors; per language 18 STOP, many of them slang
 * or indirect complaints with no word of withdrawal, 4 ERASE, 17 NONE, among them complaints about products, prices
 * and deliveries, 2 UNCERTAIN, 2 YES, 2 START; ac, af, ag: ar bg cs da en es fi fr ga it lt sk sv uk, ad, ae, ah: de
 * el et hr hu lv mt nl pl pt ro ru sl tr) were copied unchanged from the corpus folder and scored on arrival by
 * 2026.12-9 as committed (its model trained on a-ab), before any retraining: pooled withdrawal recall 0.813 (1,503 of
 * 1,848; ac 0.795, ad 0.828, ae 0.834, af 0.805, ag 0.818, ah 0.799; lowest languages fi, sv 0.742, en, lt 0.758),
 * false stops 47 of 1,428 NONE rows (3.3 %; ac 4, ad 11, ae 14, af 6, ag 6, ah 6), clarifications 14 of 1,428
 * (1.0 %), ERASE exact 325/336, START exact 143/168, YES exact 162/168, and 52 short NONE replies ("ok danke",
 * "passt 👍") read as YES; the rules alone 0.675 (1,247). 2026.12-8's combination with the same model
 * ({@link CombinationVariants#EIGHT}) 0.791 (1,461), 47 false stops of 1,764 NONE, YES and START rows (2.7 %; -9
 * 49, 2.8 %). The misses were kinds no earlier table held: "who allowed you to write to me?", "this is harassment,
 * three messages a day", "bye forever", "every day the same spam, it is too much", "I'm fed up with your ads", slang
 * ("tõmba uttu", "vai à merda"); the false stops complaints in the words of a withdrawal ("enough of these price
 * rises", "I no longer feel like waiting for my refund", "remove the shoes from my basket"). 2026.12-10 trains on them,
 * with the model the rule of {@code ModelRecipes} chose on them before.
 *
 * <p>Tables ai-ao (600 rows each, four languages a table, all 28 once, seven further authors; per language 60 STOP of
 * every kind, 15 ERASE, 60 NONE of ordinary shop conversation with at least 25 near misses, 5 UNCERTAIN, 5 START,
 * 5 YES; ai: de en ga mt, aj: es fr it pt, ak: cs pl sk sl, al: bg hr ru uk, am: da fi nl sv, an: et hu lt lv, ao: ar
 * el ro tr) were copied unchanged from the corpus folder and scored on arrival by 2026.12-10 as committed
 * ({@code FreshTablesHarness -Dharness.fresh=ai,aj,ak,al,am,an,ao}, its model trained on a-ah), before any
 * retraining: pooled withdrawal recall 0.969 (2,035 of 2,100; ai 0.980, aj 0.980, ak 0.987, al 0.963, am 0.950,
 * an 0.957, ao 0.967; lowest languages fi 0.893, el, lt, uk 0.933), false stops 61 of 1,960 NONE, YES and START rows
 * (3.1 %; ai 9, aj 13, ak 10, al 8, am 10, an 8, ao 3 of 280), clarifications 1.5 %; the rules alone 0.903 (1,896)
 * and 65 false stops: most false stops are the rules' own, which the model's veto at 0.04 leaves standing. 542 of
 * their 4,200 rows (case folded) repeat a message of an earlier table. 2026.12-11 trains on them, with the recipe
 * and thresholds the rule of {@code ModelRecipes} chose on them before.
 *
 * <p>Tables ap-av (600 rows each, four languages a table, all 28 once, seven further authors; per language 60 STOP,
 * at least 20 of them indirect complaints with no word of withdrawal and 10 slang, 15 ERASE, 60 NONE with at least 20
 * complaints that ask for no stop and 20 near misses, 5 UNCERTAIN, 5 START, 5 YES; ap: de fi pl ru, aq: cs en et uk,
 * ar: ga lv nl sk, as: da lt mt sl, at: fr hr hu sv, au: bg el it tr, av: ar es pt ro) were copied unchanged from the
 * corpus folder and scored on arrival by 2026.12-11 as committed ({@code FreshTablesHarness
 * -Dharness.fresh=ap,aq,ar,as,at,au,av}, its model trained on a-ao), before any retraining: pooled withdrawal recall
 * 0.905 (1,901 of 2,100; ap 0.910, aq 0.930, ar 0.910, as 0.873, at 0.903, au 0.910, av 0.900; lowest languages
 * lt 0.827, sl 0.840, fi 0.853), false stops 53 of 1,960 NONE, YES and START rows (2.70 %; ap 8, aq 6, ar 13, as 9,
 * at 4, au 8, av 5 of 280), clarifications 1.28 %; the rules alone 0.712 (1,496) and 59 false stops. Of the 199
 * misses the rules found nothing in nearly every one: threats to report the sender to the data-protection
 * authority, consumer protection or the police, "blocking you now", complaints about how often and at what hour,
 * "I don't know this shop, who gave you my number", insults and slang; 62 were asked about (UNCERTAIN) rather than
 * withdrawn, and 26 the model was sure of were kept from a STOP by a guard or the consent-word rule ("je vous prie
 * de ne plus me solliciter", "Nisam vam dala dopuštenje da mi pišete"). Of the 53 false stops 24 are the rules' own
 * STOP on "I unsubscribed from the gym's newsletter, keep yours coming", "don't stop sending", "stop, don't send
 * yet" and two requests to come back; 8 the rules' ERASE on deleting an account, a card or a picture; 21 the
 * model's, 9 of them requests to come back (START), others "no more units left?" or "don't take me off the list". 559 of their 4,200 rows (case folded) repeat a message of an earlier
 * table. 2026.12-12 was trained on them by the recipe the rule of {@code ModelRecipes} chose on them and did not
 * ship (sealed pooled recall 0.984 against -11's 0.985), so they are {@link #HELD_BACK}, not in {@link #TABLES}; with
 * them in sample -12 read 0.993 pooled here, under this test's 0.995 (opt-outs of ap-av a guard or the consent-word
 * rule keeps from a STOP whatever the model says).
 *
 * <p>Tables aw-bc (600 rows each, all 28 languages once, seven further authors) were copied unchanged from the corpus
 * folder as 2026.12-13's fresh tables and read, aggregates only, by {@code FreshCandidatesHarness} after the rule of
 * {@code ModelRecipes} was committed: 2026.12-11 as committed 0.845 recall (1,774 of 2,100; aw 0.843, ax 0.840,
 * ay 0.863, az 0.837, ba 0.863, bb 0.810, bc 0.857; lowest language mt 0.760), false stops 56 of 1,960 NONE, YES and
 * START rows (2.86 %), clarifications 4.49 %. No candidate was eligible (every one above 3 % clarifications), so
 * none shipped and ap-av and aw-bc stay {@link #HELD_BACK}.
 *
 * <p>Tables bd-bj (2026.12-14's fresh tables, not shipped) and bk-bq (2026.12-15's, {@link #FRESH}; 600 rows each,
 * all 28 languages once, seven further authors each round) were committed unchanged and scored on arrival by
 * 2026.12-11 as committed: bk-bq recall 0.8657 (1,818 of 2,100), false stops 60 of 1,960 (3.06 %), clarifications
 * 4.69 %, lowest language es 0.733; the rules alone 0.6929. 2026.12-15 (its model -12's recipe trained on a-bj,
 * here in sample) read them at 0.9376, 34 (1.73 %), 0.46 %, and ships, so ap-bj are in {@link #TABLES}.
 */
final class DevelopmentTables {

    private DevelopmentTables() {
    }

    static final List<String> TABLES = Stream.concat(Stream.of("/development/withdrawal-development.tsv",
            "/development/withdrawal-examples.tsv"), lettered("a b c d e f g h i j k l m n o p q r s t u v w x y z"
                    + " aa ab ac ad ae af ag ah ai aj ak al am an ao ap aq ar as at au av aw ax ay az"
                    + " ba bb bc bd be bf bg bh bi bj bk bl bm bn bo bp bq br bs bt bu bv bw bx by bz"
                    + " ca cb cc cd ce cf cg ch ci cj ck cl cm cn co cp cq cr cs ct cu cv cw cx cy cz"
                    + " da db dc dd de df dg dh di dj dk").stream()).toList();

    /**
     * Tables a model may learn from that the shipped model was not trained on. Tables ap-bc stayed here while
     * 2026.12-12, -13 and -14 did not ship, bd-bj from 2026.12-15's round on; 2026.12-15, trained on a-bj, ships
     * them in {@link #TABLES}. Tables bk-bq, 2026.12-15's fresh tables (their aggregates read when its rule was
     * applied), are development from 2026.12-16's round on, and br-bx, 2026.12-16's fresh tables (scored on arrival
     * by 2026.12-15 as committed, c846741: recall 0.9219, 1,936 of 2,100, false stops 27 of 1,960, 1.38 %,
     * clarifications 0.82 %, lowest language hu 0.800; -16 did not ship), from 2026.12-17's round on. 2026.12-17, its
     * model trained on a-bx, ships them in {@link #TABLES}. Tables by-ce, 2026.12-17's fresh tables (scored by -17 as
     * committed, 3b7008f: E 0.0748, recall 0.9476, false stops 22 of 1,960, clarifications 0.26 %, lowest language hu
     * 0.907), are development from 2026.12-18's round on; 2026.12-18 (its model trained on a-ce) did not ship, so the
     * committed model (-17's, a-bx) never saw them and they stay here. Tables cf-cl, 2026.12-18's fresh tables (scored
     * on arrival by 2026.12-17 as committed, 65efdd1: E 0.0729, recall 0.9486, false stops 21 of 1,960,
     * clarifications 0.56 %, lowest language et 0.893), are development from 2026.12-19's round on, here while the
     * committed model never saw them (this test's floors hold on the tables the committed model learned from).
     * 2026.12-19, its model trained on a-cl, ships them in {@link #TABLES}. Tables cm-cs, 2026.12-19's fresh tables
     * (scored on arrival by 2026.12-17 as committed, a9767552: E 0.0626, recall 0.9548, false stops 17 of 1,960,
     * clarifications 0.51 %, lowest languages ga and lv 0.907; 2026.12-19 0.0535, 0.9638, 17, 0.51 %, tr 0.920), are
     * development from 2026.12-20's round on; 2026.12-20 (its model trained on a-cs) did not ship, so the committed
     * model (-19's, a-cl) never saw them and they stay here. Tables ct-cy, 2026.12-20's fresh tables (scored on
     * arrival by 2026.12-19 as committed, 5285ae85: E 0.0567, recall 0.9648, false stops 21 of 1,960,
     * clarifications 0.31 %, lowest languages ar and lv 0.920), are development from 2026.12-21's round on;
     * 2026.12-21 (its model trained on a-cy) did not ship, so the committed model (-19's, a-cl) never saw cm-cy and
     * they stay here. Tables cz-de, 2026.12-21's fresh tables (scored on arrival by 2026.12-19 as committed, 09f75318:
     * E 0.0534, recall 0.9548, false stops 8 of 1,960, clarifications 0.46 %, lowest language ga 0.893; -21 did not
     * ship), are development from 2026.12-22's round on; 2026.12-22 (its model trained on a-de) did not ship, so the
     * committed model (-19's, a-cl) never saw cm-de and they stay here. Tables df-dk, 2026.12-22's fresh tables (scored
     * on arrival by 2026.12-19 as committed, 820c6ae3: E 0.0605, recall 0.9548, false stops 15 of 1,960,
     * clarifications 0.41 %, lowest language sl 0.840; -22 did not ship), are development from 2026.12-23's round on,
     * here while the committed model (-19's, a-cl) never saw them; 2026.12-23 (its model trained on a-dk) did not
     * ship, so they stay here. Tables dl-dq, 2026.12-23's fresh tables (scored on arrival by 2026.12-19 as committed,
     * 2442a451: E 0.0464, recall 0.9638, false stops 10 of 1,960, clarifications 0.36 %, lowest language sl 0.920;
     * -23 did not ship), are development from 2026.12-24's round on, here while the committed model never saw them.
     * 2026.12-24 (-23's model with -24's rules) did not ship, so they stay here. Tables dr-dw, 2026.12-24's fresh
     * tables (scored on arrival by 2026.12-19 as committed, bfba773e: E 0.0599, recall 0.9605, false stops 20 of
     * 1,960, clarifications 0.41 %; -24 did not ship), are development from 2026.12-25's round on, here while the
     * committed model never saw them. 2026.12-25 (-23's model, trained on a-dk, with -24's rules) ships cm-dk in
     * {@link #TABLES}; dl-dw stay here, since its model never saw them.
     */
    static final List<String> HELD_BACK = lettered("dl dm dn do dp dq dr ds dt du dv dw");

    /**
     * Tables dx-ec (about 4,200 rows, all 28 languages once; six further authors who never saw the code): 2026.12-25's
     * fresh tables, committed unchanged by the lead and read only by {@code FreshCandidatesHarness} (aggregates). They
     * are in neither {@link #TABLES} nor {@link #HELD_BACK}, so no trainer or tuning harness reads them
     * ({@link #withHeldBack} checks it).
     */
    static final List<String> FRESH = lettered("dx dy dz ea eb ec");

    /** The lettered tables' resources, in the order named. */
    private static List<String> lettered(String letters) {
        return Stream.of(letters.split(" ")).map(l -> "/development/withdrawal-development-" + l + ".tsv").toList();
    }

    /** {@link #TABLES} and {@link #HELD_BACK}: every development table a model may learn from, never {@link #FRESH}. */
    static List<String> withHeldBack() {
        List<String> all = new ArrayList<>(TABLES);
        all.addAll(HELD_BACK);
        if (all.stream().anyMatch(FRESH::contains)) {
            throw new IllegalStateException("a fresh table is listed for training: " + all);
        }
        return all;
    }

    record Row(String table, String language, Intent expected, String message) {
    }

    /** Rows of a table: language, intent, message; a missing table (the other author's, not yet written) is empty. */
    static List<Row> read(String resource) throws IOException {
        String table = resource.contains("examples") ? "ex"
                : resource.matches(".*-development-[a-z]{1,2}\\.tsv")
                        ? "dev-" + resource.substring(resource.lastIndexOf('-') + 1, resource.length() - 4)
                : "dev";
        try (InputStream in = DevelopmentTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                System.out.println("no development table " + resource);
                return List.of();
            }
            List<Row> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3 && !fields[0].equals("language")) {
                    rows.add(new Row(table, fields[0], Intent.valueOf(fields[1].trim()), fields[2].strip()));
                }
            }
            return rows;
        }
    }
}
