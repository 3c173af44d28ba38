package io.consentflow.keywords;

import java.util.List;
import java.util.Map;

/** The command vocabularies: STOP (withdrawal), START (new opt-in) and YES (confirm a pending opt-in). */
public final class Recognisers {

    private static final List<String> FILLERS = List.of(
            "please", "pls", "plz", "thanks", "thank", "you", "thx", "me", "now", "all", "immediately", "asap",
            "hi", "hello", "hey", "dear", "team", "whatsapp", "messages", "message", "newsletter", "ads", "marketing",
            "bitte", "danke", "jetzt", "sofort", "alle", "alles", "mich", "mir", "hallo", "nachrichten", "werbung",
            "klar", "gerne", "merci", "svp", "sil", "vous", "plait", "moi", "bonjour", "salut", "tout",
            "por", "favor", "gracias", "hola", "ya", "todo", "per", "favore", "grazie", "ciao", "tutto", "subito",
            "alstublieft", "aub", "graag", "dank", "bedankt", "je", "hoi", "nu", "prosze", "dziekuje", "czesc",
            "teraz", "lutfen", "tesekkurler", "sagol", "merhaba", "hemen", "artik");

    private static final List<String> QUESTION_STARTS = List.of(
            "wie", "warum", "wieso", "weshalb", "wann", "was", "wo", "wer", "welche", "welcher", "how", "why", "when",
            "what", "where", "who", "which", "pourquoi", "quand", "quoi", "comment", "combien", "como", "porque",
            "cuando", "donde", "cual", "perche", "quando", "cosa", "dove", "hoe", "waarom", "wanneer", "wat", "waar",
            "jak", "dlaczego", "kiedy", "gdzie", "czy", "nasil", "neden", "nerede", "hangi", "niye");

    /** Real words one letter away from a keyword: never read as a misspelled command. */
    private static final List<String> NEVER_FUZZY = List.of("pasta", "shop", "step", "stay", "spot", "post", "tops",
            "pots", "stock", "store", "storm", "ender", "under", "cancer", "bajar", "basto", "start", "stars", "stopa",
            "dure", "fine", "file", "quite", "quiet", "quid", "endet", "enden", "baja", "bajo", "ende", "ends",
            "halte", "anmelden", "aanmelden", "anmeldung", "starten", "inscrire", "iscrivimi", "abone", "zapisz");

    private Recognisers() {
    }

    public static KeywordRecogniser stop() {
        return new KeywordRecogniser(Map.of(
                "de", List.of("stop", "stopp", "stoppen", "abmelden", "ende", "austragen", "abbestellen", "kundigen",
                        "abmeldung", "aufhoren", "schluss", "abbestellung"),
                "en", List.of("unsubscribe", "cancel", "quit", "end", "optout", "stopall", "remove", "halt"),
                "fr", List.of("arret", "arreter", "arretez", "desabonner", "desabonnement", "desinscrire",
                        "desinscription", "desabonnez"),
                "es", List.of("baja", "parar", "cancelar", "alto", "salir", "detener", "desuscribir",
                        "desuscribirme"),
                "it", List.of("basta", "disiscrivimi", "disiscrivere", "cancellami", "annulla", "fermati",
                        "disiscrizione", "smettila"),
                "nl", List.of("afmelden", "uitschrijven", "stoppen", "opzeggen", "uitschrijving"),
                "pl", List.of("wypisz", "rezygnuje", "rezygnacja", "koniec", "anuluj", "wyrejestruj", "wypisuje",
                        "przestan"),
                "tr", List.of("dur", "durdur", "iptal", "vazgec", "istemiyorum", "cik")),
                Map.of(
                "de", List.of("keine nachrichten mehr", "keine nachricht mehr", "keine werbung mehr",
                        "keine whatsapp mehr", "nicht mehr schreiben", "nicht mehr kontaktieren",
                        "schreibt mir nicht mehr", "schreiben sie mir nicht mehr", "will nichts mehr",
                        "mochte nichts mehr", "meldet mich ab", "melde mich ab", "melden sie mich ab",
                        "tragt mich aus", "melden sie mich bitte ab", "trag mich aus", "tragen sie mich aus", "lasst mich in ruhe",
                        "lass mich in ruhe", "nummer loschen", "hort auf", "horen sie auf", "keine angebote mehr",
                        "nichts mehr zusenden", "nicht mehr anschreiben", "will keine nachrichten",
                        "mochte keine nachrichten"),
                "en", List.of("stop messaging", "stop sending", "stop texting", "stop contacting", "stop messages",
                        "dont message", "dont text", "dont contact", "do not contact", "do not message",
                        "do not text", "no more messages", "no more texts", "no more whatsapp", "remove me",
                        "take me off", "opt out", "opt me out", "leave me alone", "delete my number",
                        "unsubscribe me", "stop all messages", "stop spamming", "no more spam", "dont send",
                        "do not send me"),
                "fr", List.of("plus de messages", "ne plus recevoir", "ne m ecrivez plus", "ne mecrivez plus",
                        "supprimez mon numero", "laissez moi tranquille", "arretez de menvoyer", "arretez de m envoyer",
                        "arretez les messages", "me desabonner", "me desinscrire", "je ne veux plus"),
                "es", List.of("darme de baja", "dar de baja", "dame de baja", "no mas mensajes",
                        "no quiero recibir", "dejen de enviar", "deja de enviar", "dejen de enviarme", "deja de enviarme", "dejen de escribir",
                        "no me escriban", "no me envies", "no me envien", "eliminar mi numero",
                        "cancelar suscripcion", "no quiero mas mensajes"),
                "it", List.of("non voglio piu", "non inviate piu", "non inviatemi piu", "non scrivetemi piu",
                        "niente piu messaggi", "basta messaggi", "rimuovimi", "annulla iscrizione",
                        "smettete di scrivermi", "smettete di inviare", "cancellatemi", "toglietemi"),
                "nl", List.of("geen berichten meer", "niet meer sturen", "meld me af", "meld mij af",
                        "schrijf me uit", "schrijf mij uit", "geen reclame meer", "laat me met rust",
                        "stop met sturen", "wil geen berichten", "niet meer ontvangen"),
                "pl", List.of("wypisz mnie", "nie wysylajcie", "nie chce wiadomosci", "nie piszcie",
                        "przestancie pisac", "przestancie wysylac", "usun mnie", "usuncie moj numer",
                        "nie chce wiecej", "koniec wiadomosci"),
                "tr", List.of("abonelikten cik", "mesaj istemiyorum", "mesaj gondermeyin", "beni listeden cikar",
                        "listeden cikar", "rahatsiz etmeyin", "mesaj atmayin", "bana yazmayin",
                        "mesaj almak istemiyorum", "aboneligimi iptal")),
                FILLERS, QUESTION_STARTS, NEVER_FUZZY, true);
    }

    public static KeywordRecogniser start() {
        return new KeywordRecogniser(Map.of(
                "de", List.of("start", "starten", "anmelden", "anmeldung", "weiter"),
                "en", List.of("subscribe", "resume", "unstop", "restart", "begin", "optin"),
                "fr", List.of("commencer", "demarrer", "reprendre", "inscrire"),
                "es", List.of("empezar", "comenzar", "alta", "iniciar", "suscribir"),
                "it", List.of("inizia", "iscrivimi", "riprendi", "iscrivere"),
                "nl", List.of("aanmelden", "hervat", "beginnen"),
                "pl", List.of("zacznij", "wznow", "zapisz"),
                "tr", List.of("basla", "baslat", "devam", "abone")),
                Map.of(), FILLERS, QUESTION_STARTS, NEVER_FUZZY, false);
    }

    public static KeywordRecogniser confirm() {
        return new KeywordRecogniser(Map.of(
                "de", List.of("ja", "jawohl", "bestatigen", "bestaetigen", "bestatige", "einverstanden"),
                "en", List.of("yes", "ok", "okay", "yep", "yeah", "confirm", "agree"),
                "fr", List.of("oui", "confirmer", "daccord"),
                "es", List.of("si", "confirmo", "confirmar", "vale"),
                "it", List.of("confermo", "confermare"),
                "nl", List.of("bevestig", "bevestigen", "akkoord"),
                "pl", List.of("tak", "potwierdzam"),
                "tr", List.of("evet", "onay", "onayliyorum", "tamam")),
                Map.of(), FILLERS, QUESTION_STARTS, NEVER_FUZZY, false);
    }
}
