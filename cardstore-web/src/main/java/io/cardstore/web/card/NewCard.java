package io.cardstore.web.card;

import io.cardstore.aws.card.Card;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A card to add.
 *
 * @param name its name, unique among the owner's cards
 * @param imageKey the key the image was uploaded to (it moves when the card is saved), or empty
 * for the default image
 */
public record NewCard(@NotBlank(message = "Give the card a name.") @Size(max = Card.MAX_NAME_LENGTH,
		message = "At most 60 characters.") @Pattern(regexp = "[^\\p{Cntrl}]*",
				message = "No control characters.") String name,
		@Size(max = 200) String imageKey) {
}
