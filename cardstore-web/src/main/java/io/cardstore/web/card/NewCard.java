package io.cardstore.web.card;

import io.cardstore.market.card.Card;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A card to add.
 *
 * @param name its name, unique among the owner's cards
 * @param imageKey the key the image was uploaded to (it moves when the card is saved), or
 * empty or {@code null} for the default image
 */
public record NewCard(@NotBlank(message = "{card.name.blank}") @Size(max = Card.MAX_NAME_LENGTH,
		message = "{card.name.size}") @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{card.name.control}") String name,
		@Size(max = 200) @Nullable String imageKey) {
}
