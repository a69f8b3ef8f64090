MnistNet(
  (conv1): Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (conv2): Conv2d(8, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (conv3): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
  (fc1): Linear(in_features=784, out_features=64, bias=True)
  (fc2): Linear(in_features=64, out_features=10, bias=True)
  (gate): Sigmoid()
)



def forward(self, x):
    conv1 = self.conv1(x);  x = None
    relu = torch.nn.functional.relu(conv1, inplace = False);  conv1 = None
    max_pool2d = torch.nn.functional.max_pool2d(relu, 2, stride = None, padding = 0, dilation = 1, ceil_mode = False, return_indices = False);  relu = None
    conv2 = self.conv2(max_pool2d);  max_pool2d = None
    relu_1 = torch.nn.functional.relu(conv2, inplace = False);  conv2 = None
    max_pool2d_1 = torch.nn.functional.max_pool2d(relu_1, 2, stride = None, padding = 0, dilation = 1, ceil_mode = False, return_indices = False);  relu_1 = None
    conv3 = self.conv3(max_pool2d_1)
    add = max_pool2d_1 + conv3;  max_pool2d_1 = conv3 = None
    relu6 = torch.nn.functional.relu6(add, inplace = False);  add = None
    view = relu6.view(-1, 784);  relu6 = None
    dropout = torch.nn.functional.dropout(view, p = 0.25, training = False, inplace = False);  view = None
    fc1 = self.fc1(dropout);  dropout = None
    relu_2 = torch.relu(fc1);  fc1 = None
    sigmoid = torch.sigmoid(relu_2);  relu_2 = None
    relu_3 = sigmoid.relu();  sigmoid = None
    fc2 = self.fc2(relu_3);  relu_3 = None
    sigmoid_1 = fc2.sigmoid();  fc2 = None
    gate = self.gate(sigmoid_1);  sigmoid_1 = None
    return gate
    
