package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Words of withdrawal the lexicons lacked (2026.12-19, from the opt-outs of development tables a-cl that no guard
 * voided and neither the rules nor the model heard), read by the rules alone: each a word of its language, so every
 * sentence with it is read, not the one listed; and the orders in the same words that stay none.
 */
class WithdrawalWordsTest {

    private final IntentRecogniser rulesOnly = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // cancelling, excluding, cutting off, being spared: words of cessation in their inflected forms
            "Želim otkazati primanje newslettera|STOP",
            "Pozdravljeni, prosim, da me izključite iz obveščanja.|STOP",
            "Anulez acordul dat pentru mesaje comerciale|STOP",
            "Καταργήστε τη συνδρομή μου στα μηνύματα προσφορών|STOP",
            "Nixtieq nikkanċella l-abbonament tiegħi għall-aħbarijiet u l-offerti|STOP",
            "Vous pouvez couper les notifications promo pour moi ? merci|STOP",
            "Kan jeg slippe for at få jeres kampagner?|STOP",
            "Meggondoltam magam, mégsem kérem a hírleveleket WhatsAppon|STOP",
            // "nn", the written "non" of Italian chats
            "basta nn scrivete piu|STOP",
            // the right to be forgotten (Art. 17) in each language's legal words is an erasure, not only a STOP
            "Chci uplatnit právo být zapomenut|ERASE",
            "Uveljavljam pravico do pozabe.|ERASE",
            "Jag utnyttjar min rätt att bli bortglömd|ERASE",
            "Ασκώ το δικαίωμα στη λήθη|ERASE",
            // 2026.12-21: soliciting is a verb of sending, so "no longer solicit me" withdraws
            "Merci de ne plus me solliciter|STOP",
            // 2026.12-23: Slovene "give (me) peace already" and cancelling notifications, the Finnish bulletin list,
            // the Bulgarian personal number (ЕГН) and records as data
            "Dajte že mir s tem|STOP",
            "Odpovedujem prejemanje obvestil|STOP",
            "Odpovejte mi obvestila, hvala|STOP",
            "En halua olla teidän tiedotelistalla|STOP",
            "Изтрийте ЕГН-то ми, моля|ERASE",
            "Изтрийте записите си за мен|ERASE",
            // 2026.12-24: the Bulgarian nouns of stopping, and "стоп" before the messages, as in every language
            "Прекратяване на абонамента за съобщения|STOP",
            "Моля за спиране на рекламите|STOP",
            "Стоп с промоциите|STOP",
            // the same verbs with an order as their object
            "Моля за спиране на поръчката|NONE",
            "Стоп на автобуса до магазина|NONE",
            "Odpovedujem naročilo za kavč|NONE",
            "Obvestilo o dostavi še ni prišlo|NONE",
            "Anulez comanda de ieri|NONE",
            "Želim otkazati narudžbu|NONE",
            "Coupez la taille à 42 svp|NONE",
            "Je vais vous solliciter pour un échange de taille|NONE",
    })
    void readsTheWordsOfItsLanguage(String text, Intent intent) {
        assertThat(rulesOnly.rulesDecision(text).intent()).as(text).isEqualTo(intent);
    }
}
