// The budget simulator, better with JavaScript: a slider beside each service's number box,
// and the totals worked out as residents change their choices. Without it the form still
// works: "Check my budget" asks the server. Money is whole pence, rounded as the server
// rounds (sightline/simulator/rules.py): half away from zero.
(function () {
  "use strict";
  var form = document.querySelector(".sl-sim-form");
  var summary = document.getElementById("sl-sim-summary");
  if (!form || !summary) { return; }

  function percentOf(pence, hundredths) {
    // pence * hundredths / 10000, rounded half away from zero, in integers.
    var product = pence * hundredths;
    var sign = product < 0 ? -1 : 1;
    var size = Math.abs(product);
    var whole = Math.floor(size / 10000);
    if ((size % 10000) * 2 >= 10000) { whole += 1; }
    return sign * whole;
  }

  function parsePercent(text) {
    // "1.99" -> 199 hundredths; null if it is not a percentage with at most two places.
    var cleaned = String(text).trim().replace(/%$/, "").trim();
    if (cleaned === "") { return 0; }
    var match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
    if (!match) { return null; }
    var value = parseInt(match[2], 10) * 100 + parseInt(((match[3] || "") + "00").slice(0, 2), 10);
    return match[1] ? -value : value;
  }

  function pounds(pence) {
    var whole = Math.floor((Math.abs(pence) + 50) / 100);
    return (pence < 0 && whole ? "-" : "") + "£" + whole.toLocaleString("en-GB");
  }

  function show(name, text) {
    document.querySelectorAll('[data-sl-sim="' + name + '"]').forEach(function (node) {
      node.textContent = text;
    });
  }

  function recalculate() {
    var gap = parseInt(form.getAttribute("data-gap-pence"), 10);
    var options = 0;
    form.querySelectorAll(".sl-sim-option").forEach(function (box) {
      var removed = box.querySelector('input[type="radio"][value="remove"]');
      if (!removed || !removed.checked) {
        options += parseInt(box.getAttribute("data-amount-pence"), 10);
      }
    });
    var services = 0;
    var valid = true;
    form.querySelectorAll(".sl-sim-service").forEach(function (box) {
      var input = box.querySelector('input[type="number"]');
      var value = input && input.value.trim() !== "" ? Number(input.value) : 0;
      var low = parseInt(box.getAttribute("data-min"), 10);
      var high = parseInt(box.getAttribute("data-max"), 10);
      if (!Number.isInteger(value) || value < low || value > high) { valid = false; return; }
      services -= percentOf(parseInt(box.getAttribute("data-budget-pence"), 10), value * 100);
    });
    var tax = 0;
    var taxBox = form.querySelector(".sl-sim-tax");
    if (taxBox) {
      var input = taxBox.querySelector("input");
      var hundredths = parsePercent(input ? input.value : "0");
      if (hundredths === null || hundredths < 0) { valid = false; } else {
        tax = percentOf(parseInt(taxBox.getAttribute("data-council-tax-pence"), 10), hundredths);
      }
    }
    var total = options + services + tax;
    show("options", pounds(options));
    show("services", pounds(services));
    show("tax", pounds(tax));
    show("total", pounds(total));
    if (!valid) {
      show("verdict", "Check the numbers you entered: one is outside what you can choose.");
    } else if (total >= gap) {
      show("verdict", "Your budget closes the gap" + (total > gap ? ", with " + pounds(total - gap) + " to spare." : "."));
    } else {
      show("verdict", "Your budget is " + pounds(gap - total) + " short of closing the gap.");
    }
  }

  // A slider beside each service's number box, kept in step with it.
  form.querySelectorAll(".sl-sim-service").forEach(function (box) {
    var number = box.querySelector('input[type="number"]');
    if (!number) { return; }
    var slider = document.createElement("input");
    slider.type = "range";
    slider.className = "sl-sim-slider";
    slider.min = box.getAttribute("data-min");
    slider.max = box.getAttribute("data-max");
    slider.step = "1";
    slider.value = number.value || "0";
    slider.setAttribute("aria-label", (number.labels && number.labels[0] ? number.labels[0].textContent : "Change") + " (slider)");
    slider.addEventListener("input", function () { number.value = slider.value; recalculate(); });
    number.addEventListener("input", function () {
      if (number.value.trim() !== "") { slider.value = number.value; }
    });
    number.parentNode.insertBefore(slider, number.nextSibling);
  });

  form.addEventListener("input", recalculate);
  form.addEventListener("change", recalculate);
  summary.classList.add("sl-sim-summary--live");
  recalculate();
})();
