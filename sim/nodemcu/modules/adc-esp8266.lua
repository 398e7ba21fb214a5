-- NodeMCU's adc module on ESP8266 (release, app/modules/adc.c): the TOUT pin as channel 0 (adc.ts).
adc = { INIT_ADC = 1, INIT_VDD33 = 0 }
function adc.read(channel) return __host_adc_read(math.tointeger(channel)) end
-- While the ADC samples TOUT (the default init data) the supply cannot be read: 65535, as documented.
function adc.readvdd33() return 65535 end
